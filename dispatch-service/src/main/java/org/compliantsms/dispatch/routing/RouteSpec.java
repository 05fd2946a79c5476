package org.compliantsms.dispatch.routing;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One route: destinations starting with one of {@code prefixes} (E.164, {@code +44}; {@code *} for all) may go to
 * {@code carrier}, tried in {@code priority} order (lower first), {@code weight} sharing the first tries among routes
 * of equal priority.
 */
public record RouteSpec(String name, List<String> prefixes, String carrier, int priority, int weight) {
    public static final String ANY = "*";
    private static final Pattern PREFIX = Pattern.compile("\\+[0-9]{1,15}");

    public RouteSpec {
        prefixes = List.copyOf(prefixes);
    }

    /** Checked and normalised: a prefix may be written without its plus ({@code 44}); {@code key} names mistakes. */
    public static RouteSpec of(String name, List<String> prefixes, String carrier, int priority, int weight,
            String key) {
        if (prefixes.isEmpty()) {
            throw new IllegalArgumentException(key + ".prefixes: at least one prefix (+44) or *");
        }
        List<String> normalised = prefixes.stream().map(String::strip).map(p -> {
            String prefix = p.equals(ANY) || p.startsWith("+") ? p : "+" + p;
            if (!prefix.equals(ANY) && !PREFIX.matcher(prefix).matches()) {
                throw new IllegalArgumentException(key + ".prefixes: '" + p + "' is neither an E.164 prefix (+44, "
                        + "+4477) nor *");
            }
            return prefix;
        }).toList();
        if (weight < 1) {
            throw new IllegalArgumentException(key + ".weight must be at least 1, not " + weight);
        }
        return new RouteSpec(name, normalised, carrier, priority, weight);
    }

    boolean takes(String e164) {
        for (String prefix : prefixes) {
            if (prefix.equals(ANY) || e164.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
