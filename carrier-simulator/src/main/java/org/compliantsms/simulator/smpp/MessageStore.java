package org.compliantsms.simulator.smpp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import org.compliantsms.simulator.SimulatorConfig;

/**
 * What the simulated carrier accepted: the newest {@code max-stored} messages for the admin list, exact counts per
 * destination and in total. Every operation on the submission path is O(1); memory is bounded by both limits.
 */
@Singleton
public class MessageStore {
    private final SubmittedMessage[] ring;
    private final int maxCountedDestinations;
    private final Map<String, Counter> perDestination = new HashMap<>();
    /** Slot the next message goes to; the oldest kept message is there too once the ring is full. */
    private int next;
    private int size;
    private long total;
    /** Some destination was not counted because the map was full: a count of 0 then proves nothing. */
    private boolean countsIncomplete;

    public MessageStore(SimulatorConfig config) {
        this.ring = new SubmittedMessage[Math.max(0, config.maxStored())];
        this.maxCountedDestinations = config.maxCountedDestinations();
    }

    public synchronized void add(SubmittedMessage message) {
        total++;
        if (ring.length > 0) {
            ring[next] = message;
            next = next + 1 == ring.length ? 0 : next + 1;
            size = Math.min(size + 1, ring.length);
        }
        Counter counter = perDestination.get(message.to());
        if (counter != null) {
            counter.value++;
        } else if (perDestination.size() < maxCountedDestinations) {
            perDestination.put(message.to(), new Counter());
        } else {
            countsIncomplete = true;
        }
    }

    /** Kept messages, oldest first; {@code to} null means every destination. */
    public synchronized List<SubmittedMessage> find(String to, int limit) {
        List<SubmittedMessage> found = new ArrayList<>(Math.min(limit, 1000));
        int oldest = size < ring.length ? 0 : next;
        for (int i = 0; i < size && found.size() < limit; i++) {
            SubmittedMessage message = ring[(oldest + i) % ring.length];
            if (to == null || to.equals(message.to())) {
                found.add(message);
            }
        }
        return found;
    }

    /** Messages accepted for {@code to} since the last clear (all of them when {@code to} is null). */
    public synchronized DestinationCount count(String to) {
        if (to == null) {
            return new DestinationCount(total, total, true);
        }
        Counter counter = perDestination.get(to);
        return new DestinationCount(counter == null ? 0 : counter.value, total,
                counter != null || !countsIncomplete);
    }

    public synchronized long total() {
        return total;
    }

    public synchronized void clear() {
        Arrays.fill(ring, null);
        next = 0;
        size = 0;
        total = 0;
        perDestination.clear();
        countsIncomplete = false;
    }

    /**
     * @param exact false when the destination is not tracked because {@code max-counted-destinations} was reached
     */
    public record DestinationCount(long count, long total, boolean exact) {
    }

    private static final class Counter {
        long value = 1;
    }
}
