package org.compliantsms.inbound.optout;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.events.Category;
import org.compliantsms.events.ConsentAction;
import org.compliantsms.events.ConsentChanged;
import org.compliantsms.events.ConsentSource;
import org.compliantsms.events.EventMessages;
import org.compliantsms.events.InboundReceived;
import org.compliantsms.events.Intent;
import org.compliantsms.events.PhoneNumbers;
import org.compliantsms.events.SuppressionScope;
import org.compliantsms.inbound.Channels;
import org.compliantsms.inbound.programs.ProgramDirectory;
import org.compliantsms.suppression.ReplyAllowances;
import org.compliantsms.suppression.SuppressionIndex;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * The opt-out fast path: a classified keyword becomes durable (consent-changed acknowledged by Kafka) and
 * effective (written to the suppression index dispatch reads) before the caller answers the carrier. Compliance
 * writes the same change to the index again when it consumes the event; both writes are idempotent.
 */
@ApplicationScoped
public class ConsentFastPath {
    private static final Logger LOG = Logger.getLogger(ConsentFastPath.class);
    private static final int EVIDENCE_TEXT_MAX = 160;

    private final SuppressionIndex index;
    private final ReplyAllowances allowances;
    private final ProgramDirectory programs;
    private final MutinyEmitter<ConsentChanged> consent;

    public ConsentFastPath(SuppressionIndex index, ReplyAllowances allowances, ProgramDirectory programs,
            @Channel(Channels.CONSENT_OUT) MutinyEmitter<ConsentChanged> consent) {
        this.index = index;
        this.allowances = allowances;
        this.programs = programs;
        this.consent = consent;
    }

    /**
     * Applies the consent change a classified reply asks for; empty when it asks for none, or when this very reply
     * was already applied (a carrier's retry).
     */
    public Uni<Optional<ConsentChanged>> apply(InboundReceived reply) {
        Intent intent = reply.classification().intent();
        Optional<String> program = programs.programOf(reply.to());
        return switch (intent) {
            // A STOP to a sender no program owns opts out of everything: over-suppressing is the safe error.
            case OPT_OUT -> change(reply, program.isPresent() ? ConsentAction.OPT_OUT : ConsentAction.OPT_OUT_ALL,
                    program.orElse(null));
            case OPT_OUT_ALL -> change(reply, ConsentAction.OPT_OUT_ALL, null);
            case OPT_IN -> program.isPresent() ? change(reply, ConsentAction.OPT_IN, program.get()) : none();
            case HELP, OTHER -> none();
        };
    }

    private Uni<Optional<ConsentChanged>> change(InboundReceived reply, ConsentAction action, String programId) {
        String scope = SuppressionScope.of(action, programId);
        boolean suppress = action != ConsentAction.OPT_IN;
        String eventId = "kw-" + reply.inboundId();
        return index.entry(reply.from(), scope).chain(current -> {
            if (current.isPresent() && current.get().eventId().equals(eventId)) {
                // The carrier retried a reply this path already made durable and effective: nothing to redo.
                return Uni.createFrom().item(Optional.<ConsentChanged> empty());
            }
            boolean wasSuppressed = current.map(SuppressionIndex.Entry::suppressed).orElse(false);
            if (!suppress && !wasSuppressed && "YES".equals(reply.classification().keyword())) {
                // YES is an opt-in only from someone currently opted out; otherwise it is just a reply.
                return none();
            }
            ConsentChanged change = new ConsentChanged(eventId, action, reply.from(), programId, ConsentSource.KEYWORD,
                    reply.classification().keyword(), reply.classification().language(), evidence(reply), reply.to(),
                    wasSuppressed == suppress, reply.receivedAt());
            Uni<Void> allowConfirmation = suppress && !change.alreadyInEffect()
                    ? allowances.allow(Category.CONFIRMATION, reply.from(), programs.replyProgramOf(reply.to()),
                            change.eventId())
                    : Uni.createFrom().voidItem();
            return allowConfirmation
                    .chain(() -> consent.sendMessage(EventMessages.of(change)))
                    .chain(() -> index.write(reply.from(), scope, suppress, change.occurredAt(), change.eventId()))
                    .invoke(() -> LOG.infof("%s of %s in %s from keyword %s%s", action, PhoneNumbers.mask(reply.from()),
                            scope, change.keyword(), change.alreadyInEffect() ? " (already in effect)" : ""))
                    .map(written -> Optional.of(change));
        });
    }

    private static Uni<Optional<ConsentChanged>> none() {
        return Uni.createFrom().item(Optional.empty());
    }

    private static String evidence(InboundReceived reply) {
        String text = reply.text().length() > EVIDENCE_TEXT_MAX ? reply.text().substring(0, EVIDENCE_TEXT_MAX)
                : reply.text();
        return "reply " + reply.inboundId() + " via " + reply.carrier() + " to " + reply.to() + ": \"" + text + "\"";
    }
}
