package org.compliantsms.simulator.smpp;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import jakarta.inject.Singleton;

/**
 * Accepted submit_sm (every part of a long message counts) per bound session, a session's entry going when it
 * unbinds, and in total.
 */
@Singleton
public class SessionStats {
    private final ConcurrentHashMap<String, LongAdder> accepted = new ConcurrentHashMap<>();
    private final LongAdder submits = new LongAdder();

    void bound(String sessionId) {
        accepted.putIfAbsent(sessionId, new LongAdder());
    }

    void unbound(String sessionId) {
        accepted.remove(sessionId);
    }

    void accepted(String sessionId) {
        submits.increment();
        LongAdder counter = accepted.get(sessionId);
        if (counter != null) {
            counter.increment();
        }
    }

    public Map<String, Long> perSession() {
        Map<String, Long> snapshot = new TreeMap<>();
        accepted.forEach((id, counter) -> snapshot.put(id, counter.sum()));
        return snapshot;
    }

    /** Every submit_sm accepted since the last reset, on any session. */
    public long submits() {
        return submits.sum();
    }

    public void reset() {
        submits.reset();
        accepted.values().forEach(LongAdder::reset);
    }
}
