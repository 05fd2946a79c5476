package org.compliantsms.inbound.optout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;

import org.compliantsms.events.ConsentAction;
import org.compliantsms.events.ConsentChanged;
import org.compliantsms.events.InboundReceived;
import org.compliantsms.events.SuppressionScope;
import org.compliantsms.inbound.keywords.KeywordClassifier;
import org.compliantsms.inbound.programs.TestPrograms;
import org.compliantsms.suppression.SuppressionIndex.Entry;
import org.junit.jupiter.api.Test;

class ConsentDeciderTest {
    static final String NUMBER = "+33612345678";
    static final Instant AT = Instant.parse("2026-01-10T10:00:00Z");

    final KeywordClassifier classifier = new KeywordClassifier();
    final ConsentDecider decider = new ConsentDecider(TestPrograms.directory());

    InboundReceived reply(String id, String to, String text) {
        return new InboundReceived(id, NUMBER, to, text, "simulator", AT, classifier.classify(text));
    }

    Optional<ConsentDecision> decide(InboundReceived reply, Optional<Entry> current) {
        return ConsentDecider.decide(reply, decider.target(reply).orElseThrow(), current);
    }

    @Test
    void aStopToAProgramOptsOutOfThatProgramAndEarnsAConfirmation() {
        ConsentDecision decision = decide(reply("r1", "36180", "Stop"), Optional.empty()).orElseThrow();
        ConsentChanged change = decision.change();
        assertEquals("kw-r1", change.eventId());
        assertEquals(ConsentAction.OPT_OUT, change.action());
        assertEquals("acme-promo", change.programId());
        assertEquals(SuppressionScope.program("acme-promo"), decision.scope());
        assertEquals(AT, change.occurredAt());
        assertFalse(change.alreadyInEffect());
        assertTrue(decision.grantsConfirmation());
        assertEquals("acme-promo", decision.target().replyProgramId());
        assertTrue(decision.state().suppressed());
    }

    @Test
    void aStopToASenderNoProgramOwnsOptsOutOfEverything() {
        ConsentDecision decision = decide(reply("r1", "99999", "STOP"), Optional.empty()).orElseThrow();
        assertEquals(ConsentAction.OPT_OUT_ALL, decision.change().action());
        assertEquals(SuppressionScope.GLOBAL, decision.scope());
        assertEquals("platform", decision.target().replyProgramId());
    }

    @Test
    void aRepeatedStopIsAlreadyInEffectAndEarnsNoConfirmation() {
        Optional<Entry> optedOut = Optional.of(new Entry(true, AT.minusSeconds(60), "kw-earlier"));
        ConsentDecision decision = decide(reply("r2", "36180", "STOP"), optedOut).orElseThrow();
        assertTrue(decision.change().alreadyInEffect());
        assertFalse(decision.grantsConfirmation());
    }

    @Test
    void aReplyWhoseChangeTheIndexHoldsWasAlreadyApplied() {
        Optional<Entry> applied = Optional.of(new Entry(true, AT, "kw-r1"));
        assertTrue(decide(reply("r1", "36180", "STOP"), applied).isEmpty());
    }

    @Test
    void yesInAnyLanguageOptsBackInOnlySomeoneOptedOut() {
        assertTrue(decide(reply("r3", "36180", "Yes"), Optional.empty()).isEmpty());
        assertTrue(decide(reply("r3", "36180", "Oui"), Optional.empty()).isEmpty());
        assertTrue(decide(reply("r3", "36180", "Ja"), Optional.empty()).isEmpty());
        assertTrue(decide(reply("r3", "36180", "START"), Optional.empty()).isPresent(), "START always records");
        Optional<Entry> optedOut = Optional.of(new Entry(true, AT.minusSeconds(60), "kw-earlier"));
        ConsentDecision decision = decide(reply("r3", "36180", "Yes"), optedOut).orElseThrow();
        assertEquals(ConsentAction.OPT_IN, decision.change().action());
        assertFalse(decision.change().alreadyInEffect());
        assertTrue(decision.grantsConfirmation(), "the resubscription is confirmed");
        assertFalse(decision.state().suppressed());
    }

    @Test
    void helpChatterAndAStartToAnUnmappedSenderAskForNoChange() {
        assertTrue(decider.target(reply("r4", "36180", "HELP")).isEmpty());
        assertTrue(decider.target(reply("r5", "36180", "Where is my order?")).isEmpty());
        assertTrue(decider.target(reply("r6", "99999", "START")).isEmpty());
    }
}
