package org.compliantsms.inbound.optout;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.events.ConsentAction;
import org.compliantsms.events.ConsentChanged;
import org.compliantsms.events.ConsentSource;
import org.compliantsms.events.InboundReceived;
import org.compliantsms.events.SuppressionScope;
import org.compliantsms.inbound.keywords.KeywordClassifier;
import org.compliantsms.inbound.programs.ProgramDirectory;
import org.compliantsms.suppression.SuppressionIndex;

/**
 * What a classified reply changes in consent: the one decision of the webhook (one reply) and of the SMPP reply
 * consumer (a batch), given what the index holds for the reply's number and scope.
 */
@ApplicationScoped
public class ConsentDecider {
    private static final int EVIDENCE_TEXT_MAX = 160;

    private final ProgramDirectory programs;

    public ConsentDecider(ProgramDirectory programs) {
        this.programs = programs;
    }

    /** The change the reply asks for; empty for HELP, chatter, and a START to a sender no program owns. */
    public Optional<ConsentTarget> target(InboundReceived reply) {
        Optional<String> program = programs.programOf(reply.to());
        return switch (reply.classification().intent()) {
            // A STOP to a sender no program owns opts out of everything: over-suppressing is the safe error.
            case OPT_OUT -> Optional.of(program.isPresent() ? target(reply, ConsentAction.OPT_OUT, program.get())
                    : target(reply, ConsentAction.OPT_OUT_ALL, null));
            case OPT_OUT_ALL -> Optional.of(target(reply, ConsentAction.OPT_OUT_ALL, null));
            case OPT_IN -> program.map(id -> target(reply, ConsentAction.OPT_IN, id));
            case HELP, OTHER -> Optional.empty();
        };
    }

    private ConsentTarget target(InboundReceived reply, ConsentAction action, String programId) {
        return new ConsentTarget(action, programId, SuppressionScope.of(action, programId),
                programs.replyProgramOf(reply.to()));
    }

    /**
     * The change to publish and write, given the index's current entry for the reply's number in the target's
     * scope. Empty when this very reply was already applied (its event id is in the index: a carrier's retry, a
     * batch handled again), or for a YES from someone who is not opted out.
     */
    public static Optional<ConsentDecision> decide(InboundReceived reply, ConsentTarget target,
            Optional<SuppressionIndex.Entry> current) {
        String eventId = eventId(reply);
        if (current.isPresent() && current.get().eventId().equals(eventId)) {
            return Optional.empty();
        }
        boolean wasSuppressed = current.map(SuppressionIndex.Entry::suppressed).orElse(false);
        boolean affirmation = KeywordClassifier.isAffirmation(reply.classification().keyword());
        if (!target.suppresses() && !wasSuppressed && affirmation) {
            // A yes (YES, OUI, JA...) is an opt-in only from someone currently opted out; otherwise it is a reply.
            return Optional.empty();
        }
        ConsentChanged change = new ConsentChanged(eventId, target.action(), reply.from(), target.programId(),
                ConsentSource.KEYWORD, reply.classification().keyword(), reply.classification().language(),
                evidence(reply), reply.to(), wasSuppressed == target.suppresses(), reply.receivedAt());
        return Optional.of(new ConsentDecision(change, target));
    }

    /** Derived from the reply, so that every attempt to apply it is recognised as the same change. */
    public static String eventId(InboundReceived reply) {
        return "kw-" + reply.inboundId();
    }

    private static String evidence(InboundReceived reply) {
        String text = reply.text().length() > EVIDENCE_TEXT_MAX ? reply.text().substring(0, EVIDENCE_TEXT_MAX)
                : reply.text();
        return "reply " + reply.inboundId() + " via " + reply.carrier() + " to " + reply.to() + ": \"" + text + "\"";
    }
}
