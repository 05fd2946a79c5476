package org.compliantsms.simulator.behaviour;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Singleton;

/**
 * The knobs in force, and what they refused; read on every submit_sm, so a single volatile read of an immutable
 * value while the knobs are normal. Counts of attempts per destination (for rules that refuse the first few) and of
 * refusals per destination start again whenever the knobs change.
 */
@Singleton
public class BehaviourSettings {
    private volatile State state = new State(Behaviour.NORMAL);

    private record State(Behaviour knobs, Map<String, AtomicInteger> attempts, Map<String, AtomicInteger> refusals) {
        State(Behaviour knobs) {
            this(knobs, new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
        }
    }

    public Behaviour current() {
        return state.knobs();
    }

    public void set(Behaviour behaviour) {
        state = new State(behaviour);
    }

    public void reset() {
        state = new State(Behaviour.NORMAL);
    }

    /** The command_status to refuse this submit_sm with, or 0 to accept it; counts the refusal. */
    public int refusalFor(String to) {
        State now = state;
        Behaviour knobs = now.knobs();
        if (knobs.normal()) {
            return 0;
        }
        int status = knobs.errorStatusFor(to);
        if (status == 0) {
            status = knobs.ruleFor(to).map(rule -> refusesThisAttempt(now, rule, to) ? rule.status() : 0)
                    .orElseGet(() -> knobs.randomErrors() == null ? 0 : knobs.randomErrors().draw());
        }
        if (status != 0) {
            now.refusals().computeIfAbsent(to, k -> new AtomicInteger()).incrementAndGet();
        }
        return status;
    }

    /** How many submit_sm to this destination were refused since the knobs were last set. */
    public int refusalsOf(String to) {
        AtomicInteger count = state.refusals().get(to);
        return count == null ? 0 : count.get();
    }

    private static boolean refusesThisAttempt(State now, ErrorRule rule, String to) {
        return rule.times() == 0
                || now.attempts().computeIfAbsent(to, k -> new AtomicInteger()).incrementAndGet() <= rule.times();
    }
}
