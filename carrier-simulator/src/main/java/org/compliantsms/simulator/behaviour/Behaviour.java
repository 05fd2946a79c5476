package org.compliantsms.simulator.behaviour;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How the simulated carrier answers submit_sm, per destination (E.164) or for every other one ({@code "*"}).
 *
 * @param responseDelayMs the submit_sm_resp is sent only after this many milliseconds; the message is accepted
 * @param errorStatus the submit_sm is refused with this command_status and not accepted
 */
public record Behaviour(Map<String, Long> responseDelayMs, Map<String, Integer> errorStatus) {
    public static final String ANY = "*";
    public static final Behaviour NORMAL = new Behaviour(Map.of(), Map.of());

    private static final Pattern KEY = Pattern.compile("\\*|\\+[1-9][0-9]{1,14}");
    private static final long MAX_DELAY_MS = 3_600_000;

    public Behaviour {
        responseDelayMs = responseDelayMs == null ? Map.of() : Map.copyOf(responseDelayMs);
        errorStatus = errorStatus == null ? Map.of() : Map.copyOf(errorStatus);
    }

    public boolean normal() {
        return responseDelayMs.isEmpty() && errorStatus.isEmpty();
    }

    /** 0 when the destination's submit_sm is to be accepted. */
    public int errorStatusFor(String to) {
        Integer status = lookup(errorStatus, to);
        return status == null ? 0 : status;
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
