package org.compliantsms.simulator.receipts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One possible end of a message in the simulated network, with its share of a mix.
 *
 * @param stat the receipt's stat word: DELIVRD, UNDELIV, EXPIRED, REJECTD, DELETED, UNKNOWN, ACCEPTD, ENROUTE
 * @param err the carrier's error code (3 digits, 000 for none)
 * @param weight its share of the mix (relative; any positive number)
 */
public record Outcome(String stat, String err, double weight) {
    /** SMPP message_state per stat word. */
    private static final Map<String, Integer> STATES = Map.of("ENROUTE", 1, "DELIVRD", 2, "EXPIRED", 3, "DELETED", 4,
            "UNDELIV", 5, "ACCEPTD", 6, "UNKNOWN", 7, "REJECTD", 8);

    public Outcome {
        stat = stat == null ? null : stat.toUpperCase(Locale.ROOT);
        err = err == null || err.isBlank() ? "000" : err;
    }

    int messageState() {
        return STATES.get(stat);
    }

    Optional<String> problem() {
        if (stat == null || !STATES.containsKey(stat)) {
            return Optional.of("stat must be one of " + STATES.keySet() + ", not " + stat);
        }
        if (!err.matches("[0-9]{1,3}")) {
            return Optional.of("err is 1 to 3 digits, not " + err);
        }
        if (!(weight > 0) || Double.isInfinite(weight)) {
            return Optional.of("weight must be positive, not " + weight);
        }
        return Optional.empty();
    }

    /** {@code stat:err:weight,...} as configured; a missing err is 000 and a missing weight 1. */
    static List<Outcome> parseMix(String mix) {
        List<Outcome> outcomes = new ArrayList<>();
        for (String part : mix.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            String[] fields = part.trim().split(":");
            if (fields.length > 3) {
                throw new IllegalArgumentException("an outcome is stat:err:weight, not " + part);
            }
            double weight;
            try {
                weight = fields.length == 3 ? Double.parseDouble(fields[2]) : 1;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("an outcome's weight is a number, not " + fields[2], e);
            }
            Outcome outcome = new Outcome(fields[0], fields.length >= 2 ? fields[1] : "000", weight);
            outcome.problem().ifPresent(p -> {
                throw new IllegalArgumentException(p + " (in " + part + ")");
            });
            outcomes.add(outcome);
        }
        if (outcomes.isEmpty()) {
            throw new IllegalArgumentException("an outcome mix needs at least one outcome");
        }
        return outcomes;
    }
}
