package org.compliantsms.simulator.receipts;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * The receipt knobs in force: whether receipts are sent, after how long, how ids are written, in which form, and
 * the outcome mix per destination prefix ({@code "*"} for every other destination).
 */
public record ReceiptPlan(boolean enabled, long delayMs, IdFormat idFormat, ReceiptForm form,
        Map<String, List<Outcome>> outcomes) {
    public static final String ANY = "*";
    private static final Pattern KEY = Pattern.compile("\\*|\\+[0-9]{1,15}");
    private static final long MAX_DELAY_MS = 86_400_000;

    public ReceiptPlan {
        idFormat = idFormat == null ? IdFormat.HEX : idFormat;
        form = form == null ? ReceiptForm.BOTH : form;
        outcomes = outcomes == null ? Map.of() : Map.copyOf(outcomes);
    }

    static ReceiptPlan of(ReceiptsConfig config) {
        Map<String, List<Outcome>> outcomes = new HashMap<>();
        outcomes.put(ANY, Outcome.parseMix(config.outcomes()));
        config.byPrefix().forEach((prefix, mix) -> outcomes.put(prefix, Outcome.parseMix(mix)));
        ReceiptPlan plan = new ReceiptPlan(config.enabled(), config.delay().toMillis(), config.idFormat(),
                config.form(), outcomes);
        plan.problem().ifPresent(p -> {
            throw new IllegalArgumentException("simulator.receipts: " + p);
        });
        return plan;
    }

    /** The outcome for a message to {@code to}: drawn from its longest matching prefix's mix. */
    public Outcome outcomeFor(String to, RandomGenerator random) {
        List<Outcome> mix = mixFor(to);
        if (mix.size() == 1) {
            return mix.get(0);
        }
        double total = mix.stream().mapToDouble(Outcome::weight).sum();
        double draw = random.nextDouble() * total;
        for (Outcome outcome : mix) {
            draw -= outcome.weight();
            if (draw < 0) {
                return outcome;
            }
        }
        return mix.get(mix.size() - 1);
    }

    private List<Outcome> mixFor(String to) {
        String best = null;
        for (String prefix : outcomes.keySet()) {
            if (!prefix.equals(ANY) && to.startsWith(prefix) && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        List<Outcome> mix = outcomes.get(best != null ? best : ANY);
        return mix != null ? mix : List.of(new Outcome("DELIVRD", "000", 1));
    }

    /** Why these knobs cannot be applied, if they cannot. */
    public Optional<String> problem() {
        if (delayMs < 0 || delayMs > MAX_DELAY_MS) {
            return Optional.of("delayMs is 0.." + MAX_DELAY_MS);
        }
        for (Map.Entry<String, List<Outcome>> entry : outcomes.entrySet()) {
            if (!KEY.matcher(entry.getKey()).matches()) {
                return Optional.of("outcomes keys are E.164 prefixes (+44, +4477...) or *, not " + entry.getKey());
            }
            if (entry.getValue() == null || entry.getValue().isEmpty()) {
                return Optional.of("outcomes for " + entry.getKey() + " need at least one outcome");
            }
            for (Outcome outcome : entry.getValue()) {
                Optional<String> problem = outcome.problem();
                if (problem.isPresent()) {
                    return Optional.of(entry.getKey() + ": " + problem.get());
                }
            }
        }
        return Optional.empty();
    }
}
