package org.compliantsms.simulator.behaviour;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How the simulated carrier answers submit_sm, per destination (E.164) or for every other one ({@code "*"}).
 * Refusals are decided in this order: the destination's own {@code errorStatus} (or {@code "*"}), the first
 * {@code errorRules} entry whose prefix matches, then {@code randomErrors}.
 *
 * @param responseDelayMs the submit_sm_resp is sent only after this many milliseconds; the message is accepted
 * @param errorStatus the submit_sm is refused with this command_status and not accepted
 * @param errorRules refusals by destination prefix, always or for the first few attempts
 * @param randomErrors refusals at random, with a mix of transient and permanent statuses
 */
public record Behaviour(Map<String, Long> responseDelayMs, Map<String, Integer> errorStatus,
        List<ErrorRule> errorRules, RandomErrors randomErrors) {
    public static final String ANY = "*";
    public static final Behaviour NORMAL = new Behaviour(Map.of(), Map.of());

    private static final Pattern KEY = Pattern.compile("\\*|\\+[1-9][0-9]{1,14}");
    private static final Pattern PREFIX = Pattern.compile("\\+[0-9]{0,15}");
    private static final long MAX_DELAY_MS = 3_600_000;

    public Behaviour {
        responseDelayMs = responseDelayMs == null ? Map.of() : Map.copyOf(responseDelayMs);
        errorStatus = errorStatus == null ? Map.of() : Map.copyOf(errorStatus);
        errorRules = errorRules == null ? List.of() : List.copyOf(errorRules);
        randomErrors = randomErrors == null || randomErrors.rate() <= 0 ? null : randomErrors;
    }

    public Behaviour(Map<String, Long> responseDelayMs, Map<String, Integer> errorStatus) {
        this(responseDelayMs, errorStatus, null, null);
    }

    public boolean normal() {
        return responseDelayMs.isEmpty() && errorStatus.isEmpty() && errorRules.isEmpty() && randomErrors == null;
    }

    /** 0 when the destination's submit_sm is to be accepted (its own knob or the wildcard). */
    public int errorStatusFor(String to) {
        Integer status = lookup(errorStatus, to);
        return status == null ? 0 : status;
    }

    /** The first rule for this destination, if any. */
    Optional<ErrorRule> ruleFor(String to) {
        for (ErrorRule rule : errorRules) {
            if (to.startsWith(rule.prefix())) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    /** 0 when the submit_sm_resp goes out at once. */
    public long responseDelayMsFor(String to) {
        Long delay = lookup(responseDelayMs, to);
        return delay == null ? 0 : delay;
    }

    /** Why these knobs cannot be applied, if they cannot. */
    public Optional<String> problem() {
        for (Map.Entry<String, Long> entry : responseDelayMs.entrySet()) {
            if (!KEY.matcher(entry.getKey()).matches()) {
                return Optional.of("responseDelayMs keys are E.164 numbers or *");
            }
            if (entry.getValue() < 0 || entry.getValue() > MAX_DELAY_MS) {
                return Optional.of("responseDelayMs values are 0.." + MAX_DELAY_MS);
            }
        }
        for (Map.Entry<String, Integer> entry : errorStatus.entrySet()) {
            if (!KEY.matcher(entry.getKey()).matches()) {
                return Optional.of("errorStatus keys are E.164 numbers or *");
            }
            if (entry.getValue() == 0) {
                return Optional.of("errorStatus values are non-zero SMPP command_status codes");
            }
        }
        for (ErrorRule rule : errorRules) {
            if (rule == null || rule.prefix() == null || !PREFIX.matcher(rule.prefix()).matches()) {
                return Optional.of("errorRules need a prefix: + and up to 15 digits");
            }
            if (rule.status() == 0 || rule.times() < 0) {
                return Optional.of("errorRules need a non-zero status and times >= 0 (0: every attempt)");
            }
        }
        if (randomErrors != null) {
            if (randomErrors.rate() > 1 || randomErrors.transientShare() < 0 || randomErrors.transientShare() > 1) {
                return Optional.of("randomErrors.rate and transientShare are between 0 and 1");
            }
            if (randomErrors.transientStatuses().contains(0) || randomErrors.permanentStatuses().contains(0)) {
                return Optional.of("randomErrors statuses are non-zero SMPP command_status codes");
            }
        }
        return Optional.empty();
    }

    private static <T> T lookup(Map<String, T> knobs, String to) {
        if (knobs.isEmpty()) {
            return null;
        }
        T value = knobs.get(to);
        return value != null ? value : knobs.get(ANY);
    }
}
