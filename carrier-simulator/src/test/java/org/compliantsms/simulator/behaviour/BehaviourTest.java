package org.compliantsms.simulator.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class BehaviourTest {
    @Test
    void aDestinationsOwnKnobWinsOverTheWildcard() {
        Behaviour knobs = new Behaviour(Map.of("*", 100L, "+33600000001", 0L), Map.of("+33600000002", 88));
        assertEquals(0, knobs.responseDelayMsFor("+33600000001"));
        assertEquals(100, knobs.responseDelayMsFor("+33600000002"));
        assertEquals(88, knobs.errorStatusFor("+33600000002"));
        assertEquals(0, knobs.errorStatusFor("+33600000001"));
        assertTrue(new Behaviour(null, null).normal());
    }

    @Test
    void refusesKnobsItCannotApply() {
        assertTrue(new Behaviour(Map.of("33600000001", 1L), null).problem().isPresent());
        assertTrue(new Behaviour(Map.of("*", -1L), null).problem().isPresent());
        assertTrue(new Behaviour(null, Map.of("+33600000001", 0)).problem().isPresent());
        assertTrue(new Behaviour(Map.of("*", 15_000L), Map.of("+33600000001", 0x58)).problem().isEmpty());
    }
}
