package org.compliantsms.simulator.behaviour;

import jakarta.inject.Singleton;

/** The knobs in force; read on every submit_sm, so a single volatile read of an immutable value. */
@Singleton
public class BehaviourSettings {
    private volatile Behaviour current = Behaviour.NORMAL;

    public Behaviour current() {
        return current;
    }

    public void set(Behaviour behaviour) {
        current = behaviour;
    }

    public void reset() {
        current = Behaviour.NORMAL;
    }
}
