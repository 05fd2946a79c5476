package org.compliantsms.simulator.smpp;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import jakarta.inject.Singleton;

/** Accepted submit_sm per bound session; a session's entry goes when it unbinds. */
@Singleton
public class SessionStats {
    private final ConcurrentHashMap<String, LongAdder> accepted = new ConcurrentHashMap<>();

    void bound(String sessionId) {
        accepted.putIfAbsent(sessionId, new LongAdder());
    }

    void unbound(String sessionId) {
        accepted.remove(sessionId);
    }

    void accepted(String sessionId) {
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

    public void reset() {
        accepted.values().forEach(LongAdder::reset);
    }
}
