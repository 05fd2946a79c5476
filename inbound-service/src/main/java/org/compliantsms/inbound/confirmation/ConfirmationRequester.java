package org.compliantsms.inbound.confirmation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.batch.BatchHandler;
import org.compliantsms.batch.Output;
import org.compliantsms.batch.Received;
import org.compliantsms.events.Category;
import org.compliantsms.events.ConsentChanged;
import org.compliantsms.events.ConsentSource;
import org.compliantsms.events.MessageRequested;
import org.compliantsms.events.PhoneNumbers;
import org.compliantsms.inbound.Channels;
import org.compliantsms.inbound.programs.ProgramDirectory;
import org.compliantsms.suppression.ReplyAllowances;
import org.jboss.logging.Logger;

/**
 * The confirmation consumer: one confirmation per keyword consent change that changed something (an opt-out, or a
 * resubscription by START), in the keyword's language, requested as a CONFIRMATION message with a messageId
 * derived from the change (redeliveries are deduplicated downstream) and valid only within the confirmation window.
 * Not sent for a repeated STOP or START (alreadyInEffect).
 */
@ApplicationScoped
public class ConfirmationRequester implements BatchHandler<ConsentChanged> {
    private static final Logger LOG = Logger.getLogger(ConfirmationRequester.class);
    private static final Duration WINDOW = ReplyAllowances.REPLY_WINDOW;

    private final ProgramDirectory programs;
    private final ReplyTexts texts;

    public ConfirmationRequester(ProgramDirectory programs, ReplyTexts texts) {
        this.programs = programs;
        this.texts = texts;
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
        if (change.source() != ConsentSource.KEYWORD || change.alreadyInEffect() || change.senderId() == null) {
            return false;
        }
        if (now.isAfter(change.occurredAt().plus(WINDOW))) {
            LOG.warnf("consent change %s is older than %s: its confirmation is no longer sent", change.eventId(), WINDOW);
            return false;
        }
        return true;
    }

    private MessageRequested confirmation(ConsentChanged change, Instant now) {
        LOG.debugf("confirmation requested for %s", PhoneNumbers.mask(change.recipient()));
        String program = programs.replyProgramOf(change.senderId());
        return new MessageRequested(ReplyAllowances.confirmationId(change.eventId()), program, null, Category.CONFIRMATION,
                change.recipient(), texts.confirmation(program, change.language(), change.action()),
                change.senderId(), change.language(), null, change.occurredAt().plus(WINDOW), now);
    }
}
