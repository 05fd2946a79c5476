package org.compliantsms.console.campaigns;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The "new campaign" form (a DRAFT: program, sender, text): what the user typed, shown again when refused, and
 * campaign-service's problems put back next to the field they concern.
 */
public record DraftForm(String program, String sender, String body, String locale, Map<String, String> errors,
        List<String> otherErrors) {

    private static final Pattern PROBLEM = Pattern.compile("^([A-Za-z]+)(?:\\[(\\d+)])?:\\s*(.*)$", Pattern.DOTALL);
    /** campaign-service's field -> this form's field. */
    private static final Map<String, String> FIELDS = Map.of("programId", "program", "senderId", "sender",
            "category", "program", "body", "body", "locale", "locale");

    public static DraftForm of(String program, String sender, String body, String locale) {
        return new DraftForm(trim(program), trim(sender), body == null ? "" : body, trim(locale), Map.of(),
                List.of());
    }

    /** The JSON body of POST /campaigns without recipients: a DRAFT; its category is the program's. */
    public Map<String, Object> request() {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("programId", program);
        request.put("senderId", sender);
        request.put("body", body);
        if (!locale.isEmpty()) {
            request.put("locale", locale);
        }
        return request;
    }

    /** What can be said before asking the service. */
    public DraftForm checked() {
        DraftForm form = this;
        if (program.isEmpty()) {
            form = form.withError("program", "Choose a program.");
        }
        if (sender.isEmpty()) {
            form = form.withError("sender", "Choose a sender.");
        }
        if (body.isBlank()) {
            form = form.withError("body", "Write the text (1 to 1,600 characters).");
        }
        return form;
    }

    /** The form again, each problem next to its field ("senderId: ..." under Sender). */
    public DraftForm refused(List<String> problems) {
        Map<String, List<String>> byField = new LinkedHashMap<>();
        List<String> other = new ArrayList<>();
        for (String problem : problems) {
            Matcher m = PROBLEM.matcher(problem);
            String field = m.matches() ? FIELDS.get(m.group(1)) : null;
            if (field == null) {
                other.add(problem);
                continue;
            }
            byField.computeIfAbsent(field, f -> new ArrayList<>()).add(m.group(3));
        }
        Map<String, String> errors = new LinkedHashMap<>(this.errors);
        byField.forEach((field, texts) -> errors.put(field, String.join("; ", texts)));
        return new DraftForm(program, sender, body, locale, errors, other);
    }

    public DraftForm withError(String field, String error) {
        Map<String, String> errors = new LinkedHashMap<>(this.errors);
        errors.put(field, error);
        return new DraftForm(program, sender, body, locale, errors, otherErrors);
    }

    public boolean valid() {
        return errors.isEmpty() && otherErrors.isEmpty();
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
