package org.compliantsms.console.campaigns;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The "new campaign" form: what the user typed (shown again when refused), the JSON campaign-service takes, and
 * its problems put back next to the field they concern.
 */
public record CampaignForm(String program, String sender, String category, String defaultRegion, String numbers,
        String body, Map<String, String> errors, List<String> otherErrors) {

    private static final Pattern PROBLEM = Pattern.compile("^([A-Za-z]+)(?:\\[(\\d+)])?:\\s*(.*)$", Pattern.DOTALL);
    /** campaign-service's field -> this form's field. */
    private static final Map<String, String> FIELDS = Map.of("programId", "program", "senderId", "sender",
            "category", "category", "defaultRegion", "defaultRegion", "recipients", "numbers", "body", "body");

    public static CampaignForm empty(String program) {
        return new CampaignForm(program, "", "MARKETING", "", "", "", Map.of(), List.of());
    }

    public static CampaignForm of(String program, String sender, String category, String defaultRegion,
            String numbers, String body) {
        return new CampaignForm(trim(program), trim(sender), category == null || category.isBlank() ? "MARKETING"
                : category.strip(), trim(defaultRegion), numbers == null ? "" : numbers, body == null ? "" : body,
                Map.of(), List.of());
    }

    /** One number a line (commas and semicolons separate too); blank lines are ignored. */
    public List<String> numberList() {
        return Arrays.stream(numbers.split("[\\r\\n,;]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** The JSON body of POST /campaigns. */
    public Map<String, Object> request() {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("programId", program);
        request.put("senderId", sender);
        request.put("category", category);
        request.put("body", body);
        request.put("recipients", numberList());
        if (!defaultRegion.isEmpty()) {
            request.put("defaultRegion", defaultRegion.toUpperCase());
        }
        return request;
    }

    /** The form again, each problem next to its field ("recipients[3]: ..." becomes "number 4: ..."). */
    public CampaignForm refused(List<String> problems) {
        Map<String, List<String>> byField = new LinkedHashMap<>();
        List<String> other = new ArrayList<>();
        for (String problem : problems) {
            Matcher m = PROBLEM.matcher(problem);
            String field = m.matches() ? FIELDS.get(m.group(1)) : null;
            if (field == null) {
                other.add(problem);
                continue;
            }
            String text = m.group(2) == null ? m.group(3)
                    : "number " + (Integer.parseInt(m.group(2)) + 1) + ": " + m.group(3);
            byField.computeIfAbsent(field, f -> new ArrayList<>()).add(text);
        }
        Map<String, String> errors = new LinkedHashMap<>();
        byField.forEach((field, texts) -> errors.put(field, String.join("; ", texts)));
        return new CampaignForm(program, sender, category, defaultRegion, numbers, body, errors, other);
    }

    public CampaignForm withError(String field, String error) {
        Map<String, String> errors = new LinkedHashMap<>(this.errors);
        errors.put(field, error);
        return new CampaignForm(program, sender, category, defaultRegion, numbers, body, errors, otherErrors);
    }

    public String error(String field) {
        return errors.get(field);
    }

    public boolean hasError(String field) {
        return errors.containsKey(field);
    }

    private static String trim(String value) {
        return value == null ? "" : value.strip();
    }
}
