package org.compliantsms.compliance.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.compliantsms.events.ConsentAction;
import org.compliantsms.events.ConsentChanged;
import org.compliantsms.events.ConsentSource;
import org.junit.jupiter.api.Test;

/** A number's consent per program, read from its ledger rows by the index's rules. */
class ConsentStatesTest {
    static final String NUMBER = "+33612345678";
    static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    final List<ConsentRecord> history = new ArrayList<>();

    void add(String id, ConsentAction action, String program, int second, Boolean pending, String confirms) {
        history.add(ConsentRecord.of(new ConsentChanged(id, action, NUMBER, program, ConsentSource.API, null, null,
                null, null, false, T.plusSeconds(second), null, "shown", null, null, "test", pending, confirms),
                null));
    }

    ConsentStates.ProgramState state(String program) {
        return ConsentStates.of(history).stream().filter(s -> s.programId().equals(program)).findFirst()
                .orElse(null);
    }

    @Test
    void theLatestChangeByReceivedTimeDecidesAndAnOptOutOfEverythingRevokesOlderGrants() {
        add("g1", ConsentAction.CONSENT_GRANTED, "a", 1, null, null);
        add("g2", ConsentAction.CONSENT_GRANTED, "b", 2, null, null);
        add("r1", ConsentAction.CONSENT_REVOKED, "a", 3, null, null);
        assertEquals(new ConsentStates.ProgramState("a", "REVOKED", "r1", T.plusSeconds(3)), state("a"));
        assertEquals(new ConsentStates.ProgramState("b", "GRANTED", "g2", T.plusSeconds(2)), state("b"));

        add("all", ConsentAction.OPT_OUT_ALL, null, 4, null, null);
        add("g3", ConsentAction.CONSENT_GRANTED, "a", 5, null, null);
        add("in", ConsentAction.OPT_IN, "b", 6, null, null);
        assertEquals("GRANTED", state("a").state(), "granted again after STOPALL");
        assertEquals(new ConsentStates.ProgramState("b", "REVOKED", "all", T.plusSeconds(4)), state("b"),
                "an opt-in grants nothing");
    }

    @Test
    void aPendingGrantWaitsForItsConfirmationAndIsThenInEffectUnderItsOwnId() {
        add("g1", ConsentAction.CONSENT_GRANTED, "a", 1, Boolean.TRUE, null);
        assertEquals(new ConsentStates.ProgramState("a", "PENDING", "g1", T.plusSeconds(1)), state("a"));
        add("c1", ConsentAction.CONSENT_GRANTED, "a", 2, null, "g1");
        assertEquals(new ConsentStates.ProgramState("a", "GRANTED", "g1", T.plusSeconds(2)), state("a"));
        add("stop", ConsentAction.OPT_OUT, "a", 3, null, null);
        assertEquals("REVOKED", state("a").state());
    }
}
