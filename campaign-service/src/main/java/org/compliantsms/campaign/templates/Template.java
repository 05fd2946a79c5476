package org.compliantsms.campaign.templates;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A message body with placeholders filled from each recipient's fields: {@code Hello {{firstName}}}, or with a
 * fallback for recipients without it, {@code Hello {{firstName|there}}}. A field that is absent or blank and has
 * no fallback is an error naming the field; nothing is sent half-filled.
 */
public final class Template {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z][A-Za-z0-9_]{0,63})\\s*(?:\\|([^{}]*))?}}");

    private sealed interface Part permits Literal, Field {
    }

    private record Literal(String text) implements Part {
    }

    private record Field(String name, String fallback) implements Part {
    }

    private final List<Part> parts;
    private final Set<String> fields;
    private final Set<String> required;

    private Template(List<Part> parts) {
        this.parts = parts;
        Set<String> all = new LinkedHashSet<>();
        Set<String> needed = new LinkedHashSet<>();
        for (Part part : parts) {
            if (part instanceof Field field) {
                all.add(field.name());
                if (field.fallback() == null) {
                    needed.add(field.name());
                }
            }
        }
        this.fields = Set.copyOf(all);
        this.required = needed;
    }

    /** @throws TemplateException when a {@code {{} opens no valid placeholder, with where and why */
    public static Template parse(String body) {
        List<Part> parts = new ArrayList<>();
        Matcher matcher = PLACEHOLDER.matcher(body);
        int at = 0;
        while (matcher.find()) {
            literal(body, at, matcher.start(), parts);
            parts.add(new Field(matcher.group(1), matcher.group(2) == null ? null : matcher.group(2).strip()));
            at = matcher.end();
        }
        literal(body, at, body.length(), parts);
        return new Template(List.copyOf(parts));
    }

    private static void literal(String body, int from, int to, List<Part> parts) {
        String text = body.substring(from, to);
        int open = text.indexOf("{{");
        if (open >= 0) {
            int position = from + open + 1;
            int close = text.indexOf("}}", open);
            throw new TemplateException(close < 0
                    ? "body: '{{' at character " + position + " is never closed with '}}'"
                    : "body: placeholder at character " + position + " is not {{field}} or {{field|fallback}} (a field"
                            + " is a letter then letters, digits or '_'): " + text.substring(open, close + 2));
        }
        if (!text.isEmpty()) {
            parts.add(new Literal(text));
        }
    }

    /** Every field the body names, with or without a fallback. */
    public Set<String> fields() {
        return fields;
    }

    /** The fields without a fallback, in the order they first appear. */
    public Set<String> requiredFields() {
        return required;
    }

    public boolean hasPlaceholders() {
        return !fields.isEmpty();
    }

    /** @throws MissingFieldException naming the first field the recipient lacks (absent or blank, no fallback) */
    public String render(Map<String, String> values) {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            if (part instanceof Literal literal) {
                out.append(literal.text());
            } else if (part instanceof Field field) {
                String value = values == null ? null : values.get(field.name());
                if (value == null || value.isBlank()) {
                    if (field.fallback() == null) {
                        throw new MissingFieldException(field.name());
                    }
                    value = field.fallback();
                }
                out.append(value);
            }
        }
        return out.toString();
    }
}
