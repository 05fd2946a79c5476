package org.compliantsms.inbound.confirmation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.batch.BatchHandler;
import org.compliantsms.batch.Output;
import org.compliantsms.batch.Received;
import org.compliantsms.events.Category;
import org.compliantsms.events.ConsentAction;
import org.compliantsms.events.ConsentChanged;
import org.compliantsms.events.ConsentSource;
import org.compliantsms.events.MessageRequested;
import org.compliantsms.events.PhoneNumbers;
import org.compliantsms.inbound.Channels;
import org.compliantsms.inbound.programs.ProgramDirectory;
import org.compliantsms.suppression.ReplyAllowances;
import org.jboss.logging.Logger;

/**
 * The confirmation consumer: one confirmation per keyword opt-out that changed something, requested as a
 * CONFIRMATION message with a messageId derived from the opt-out (redeliveries are deduplicated downstream) and
 * valid only within the confirmation window. Not sent for a repeated STOP (alreadyInEffect).
 */
@ApplicationScoped
public class ConfirmationRequester implements BatchHandler<ConsentChanged> {
    private static final Logger LOG = Logger.getLogger(ConfirmationRequester.class);
    private static final Duration WINDOW = ReplyAllowances.REPLY_WINDOW;

    private final ProgramDirectory programs;

    public ConfirmationRequester(ProgramDirectory programs) {
        this.programs = programs;
    }

    @Override
    public String name() {
        return Channels.CONFIRMATIONS;
    }

    @Override
    public Class<ConsentChanged> eventType() {
        return ConsentChanged.class;
    }

    @Override
    public List<Output> handle(List<Received<ConsentChanged>> batch) {
        Instant now = Instant.now();
        return batch.stream().map(Received::event)
                .filter(change -> needsConfirmation(change, now))
                .map(change -> Output.event(confirmation(change, now), Channels.SOURCE))
                .toList();
    }

    private static boolean needsConfirmation(ConsentChanged change, Instant now) {
        boolean optOut = change.action() == ConsentAction.OPT_OUT || change.action() == ConsentAction.OPT_OUT_ALL;
        if (!optOut || change.source() != ConsentSource.KEYWORD || change.alreadyInEffect() || change.senderId() == null) {
            return false;
        }
        if (now.isAfter(change.occurredAt().plus(WINDOW))) {
            LOG.warnf("opt-out %s is older than %s: its confirmation is no longer sent", change.eventId(), WINDOW);
            return false;
        }
        return true;
    }

    private MessageRequested confirmation(ConsentChanged change, Instant now) {
        LOG.debugf("confirmation requested for %s", PhoneNumbers.mask(change.recipient()));
        return new MessageRequested("confirm-" + change.eventId(), programs.replyProgramOf(change.senderId()), null,
                Category.CONFIRMATION, change.recipient(), ConfirmationTexts.of(change.language(), change.action()),
                change.senderId(), change.language(), null, change.occurredAt().plus(WINDOW), now);
    }
}
