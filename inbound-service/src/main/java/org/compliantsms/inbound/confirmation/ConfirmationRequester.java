package org.compliantsms.inbound.confirmation;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.events.Category;
import org.compliantsms.events.ConsentAction;
import org.compliantsms.events.ConsentChanged;
import org.compliantsms.events.ConsentSource;
import org.compliantsms.events.EventCodec;
import org.compliantsms.events.EventMessages;
import org.compliantsms.events.MessageRequested;
import org.compliantsms.events.PhoneNumbers;
import org.compliantsms.inbound.Channels;
import org.compliantsms.inbound.programs.ProgramDirectory;
import org.compliantsms.suppression.ReplyAllowances;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * The confirmation consumer: one confirmation per keyword opt-out that changed something, requested as a
 * CONFIRMATION message with a messageId derived from the opt-out (redeliveries are deduplicated downstream) and
 * valid only within the confirmation window. Not sent for a repeated STOP (alreadyInEffect).
 */
@ApplicationScoped
public class ConfirmationRequester {
    private static final Logger LOG = Logger.getLogger(ConfirmationRequester.class);
    private static final Duration WINDOW = ReplyAllowances.REPLY_WINDOW;

    private final ProgramDirectory programs;
    private final MutinyEmitter<MessageRequested> requests;

    public ConfirmationRequester(ProgramDirectory programs,
            @Channel(Channels.REQUESTS) MutinyEmitter<MessageRequested> requests) {
        this.programs = programs;
        this.requests = requests;
    }

    @Incoming(Channels.CONSENT_FOR_CONFIRMATIONS)
    public Uni<Void> onConsentChanged(byte[] payload) {
        return Uni.createFrom().item(() -> EventCodec.decode(payload, ConsentChanged.class))
                .chain(change -> needsConfirmation(change) ? request(change) : Uni.createFrom().voidItem());
    }

    private static boolean needsConfirmation(ConsentChanged change) {
        boolean optOut = change.action() == ConsentAction.OPT_OUT || change.action() == ConsentAction.OPT_OUT_ALL;
        if (!optOut || change.source() != ConsentSource.KEYWORD || change.alreadyInEffect() || change.senderId() == null) {
            return false;
        }
        if (Instant.now().isAfter(change.occurredAt().plus(WINDOW))) {
            LOG.warnf("opt-out %s is older than %s: its confirmation is no longer sent", change.eventId(), WINDOW);
            return false;
        }
        return true;
    }

    private Uni<Void> request(ConsentChanged change) {
        MessageRequested confirmation = new MessageRequested("confirm-" + change.eventId(),
                programs.replyProgramOf(change.senderId()), null, Category.CONFIRMATION, change.recipient(),
                ConfirmationTexts.of(change.language(), change.action()), change.senderId(), change.language(), null,
                change.occurredAt().plus(WINDOW), Instant.now());
        return requests.sendMessage(EventMessages.of(confirmation))
                .invoke(() -> LOG.debugf("confirmation requested for %s", PhoneNumbers.mask(change.recipient())))
                .onFailure().retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(5)).indefinitely();
    }
}
