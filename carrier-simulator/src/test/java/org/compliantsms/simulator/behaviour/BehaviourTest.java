package org.compliantsms.simulator.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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
        assertTrue(new Behaviour(null, null, List.of(new ErrorRule("+33", 0, 0)), null).problem().isPresent());
        assertTrue(new Behaviour(null, null, List.of(new ErrorRule("+33", 0x58, -1)), null).problem().isPresent());
        assertTrue(new Behaviour(null, null, null, new RandomErrors(0.1, 1.5, null, null)).problem().isPresent());
        assertTrue(new Behaviour(null, null, List.of(new ErrorRule("+33", 0x58, 2)),
                new RandomErrors(0.1, 0.5, null, null)).problem().isEmpty());
    }

    @Test
    void aDestinationsOwnStatusComesBeforeRulesAndRulesBeforeChance() {
        BehaviourSettings settings = new BehaviourSettings();
        settings.set(new Behaviour(null, Map.of("+33600000001", 0x14), List.of(new ErrorRule("+3360", 0x58, 1)),
                new RandomErrors(1.0, 0.0, null, List.of(0x0B))));
        assertEquals(0x14, settings.refusalFor("+33600000001"));
        assertEquals(0x58, settings.refusalFor("+33600000002"));
        assertEquals(0, settings.refusalFor("+33600000002"), "the rule's one attempt is used: accepted");
        assertEquals(0x0B, settings.refusalFor("+447700900001"), "no rule: chance, here always permanent");
        assertEquals(1, settings.refusalsOf("+33600000002"));
        settings.reset();
        assertEquals(0, settings.refusalFor("+33600000001"));
        assertEquals(0, settings.refusalsOf("+33600000002"), "counts start again with new knobs");
        assertTrue(new Behaviour(null, null, null, new RandomErrors(0, 0.5, null, null)).normal(),
                "a rate of 0 is no knob at all");
    }
}
