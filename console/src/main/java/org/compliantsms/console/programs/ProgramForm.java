package org.compliantsms.console.programs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.compliantsms.events.Program;

/**
 * What an admin may change of a program here: help text, footers (one {@code language: text} a line), allowed
 * countries and default language. Category, senders and sending windows are kept as they are (the API changes them).
 */
public record ProgramForm(String helpText, String footers, String countries, String defaultLocale,
        Map<String, String> errors, List<String> otherErrors) {

    private static final Pattern PROBLEM = Pattern.compile("^([A-Za-z]+)[^:]*:\\s*(.*)$", Pattern.DOTALL);
    /** campaign-service's field -> this form's field. */
    private static final Map<String, String> FIELDS = Map.of("helpText", "helpText", "footerTexts", "footers",
            "allowedCountries", "countries", "defaultLocale", "defaultLocale");

    public static ProgramForm of(Program program) {
        String footers = program.footerTexts() == null ? "" : program.footerTexts().entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("\n"));
        String countries = program.allowedCountries() == null ? "" : String.join(" ", program.allowedCountries());
        return new ProgramForm(nullToEmpty(program.helpText()), footers, countries,
                nullToEmpty(program.defaultLocale()), Map.of(), List.of());
    }

    public static ProgramForm of(String helpText, String footers, String countries, String defaultLocale) {
        return new ProgramForm(nullToEmpty(helpText).strip(), nullToEmpty(footers), nullToEmpty(countries).strip(),
                nullToEmpty(defaultLocale).strip(), Map.of(), List.of());
    }

    /** The whole definition PUT /programs/{id} takes: this form's fields over the program as it is. */
    public Map<String, Object> definition(Program current) {
        Map<String, Object> definition = new LinkedHashMap<>();
        definition.put("category", current.category());
        definition.put("senders", current.senders());
        if (!helpText.isEmpty()) {
            definition.put("helpText", helpText);
        }
        definition.put("footerTexts", footerTexts());
        definition.put("allowedCountries", Arrays.stream(countries.split("[\\s,;]+")).filter(c -> !c.isBlank())
                .map(c -> c.toUpperCase(Locale.ROOT)).toList());
        if (current.quietHours() != null) {
            definition.put("quietHours", current.quietHours());
        }
        if (!defaultLocale.isEmpty()) {
            definition.put("defaultLocale", defaultLocale);
        }
        return definition;
    }

    /** What can be said before asking the service: every footer line is {@code language: text}. */
    public ProgramForm checked() {
        for (String line : footers.split("\\R")) {
            if (!line.isBlank() && line.indexOf(':') < 1) {
                return withError("footers", "One footer a line, as language: text (e.g. en: Reply STOP to opt out).");
            }
        }
        return this;
    }

    private Map<String, String> footerTexts() {
        Map<String, String> texts = new LinkedHashMap<>();
        for (String line : footers.split("\\R")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                texts.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
            }
        }
        return texts;
    }

    /** The form again, each problem next to its field ("allowedCountries[0]: ..." under Allowed countries). */
    public ProgramForm refused(List<String> problems) {
        Map<String, String> errors = new LinkedHashMap<>(this.errors);
        List<String> other = new ArrayList<>();
        for (String problem : problems) {
            Matcher m = PROBLEM.matcher(problem);
            String field = m.matches() ? FIELDS.get(m.group(1)) : null;
            if (field == null) {
                other.add(problem);
            } else {
                errors.merge(field, problem, (a, b) -> a + "; " + b);
            }
        }
        return new ProgramForm(helpText, footers, countries, defaultLocale, errors, other);
    }

    public ProgramForm withError(String field, String error) {
        Map<String, String> all = new LinkedHashMap<>(errors);
        all.put(field, error);
        return new ProgramForm(helpText, footers, countries, defaultLocale, all, otherErrors);
    }

    public boolean valid() {
        return errors.isEmpty() && otherErrors.isEmpty();
    }

    public boolean hasError(String field) {
        return errors.containsKey(field);
    }

    public String error(String field) {
        return errors.get(field);
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
