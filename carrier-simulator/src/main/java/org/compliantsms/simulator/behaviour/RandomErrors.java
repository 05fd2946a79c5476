package org.compliantsms.simulator.behaviour;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Refuse a share {@code rate} (0..1) of all submit_sm at random; of those, {@code transientShare} (0..1) with one of
 * {@code transientStatuses} (default throttled 0x58, queue full 0x14), the others with one of
 * {@code permanentStatuses} (default invalid destination 0x0B).
 */
public record RandomErrors(double rate, double transientShare, List<Integer> transientStatuses,
        List<Integer> permanentStatuses) {
    static final List<Integer> DEFAULT_TRANSIENT = List.of(0x58, 0x14);
    static final List<Integer> DEFAULT_PERMANENT = List.of(0x0B);

    public RandomErrors {
        transientStatuses = transientStatuses == null || transientStatuses.isEmpty() ? DEFAULT_TRANSIENT
                : List.copyOf(transientStatuses);
        permanentStatuses = permanentStatuses == null || permanentStatuses.isEmpty() ? DEFAULT_PERMANENT
                : List.copyOf(permanentStatuses);
    }

    /** 0 to accept; one ThreadLocalRandom draw when accepting, three when refusing. */
    int draw() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (random.nextDouble() >= rate) {
            return 0;
        }
        List<Integer> from = random.nextDouble() < transientShare ? transientStatuses : permanentStatuses;
        return from.get(random.nextInt(from.size()));
    }
}
