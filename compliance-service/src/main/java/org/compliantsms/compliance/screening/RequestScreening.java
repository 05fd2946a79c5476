package org.compliantsms.compliance.screening;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.compliance.Channels;
import org.compliantsms.events.EventCodec;
import org.compliantsms.events.EventMessages;
import org.compliantsms.events.MessageApproved;
import org.compliantsms.events.MessageRejected;
import org.compliantsms.events.MessageRequested;
import org.compliantsms.events.PhoneNumbers;
import org.compliantsms.events.PhoneNumbers.InvalidNumberException;
import org.compliantsms.events.RejectionReason;
import org.compliantsms.events.SmsEvent;
import org.compliantsms.events.text.SmsEncoding;
import org.compliantsms.suppression.SuppressionIndex;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * Screens every requested message and publishes exactly one outcome: approved, or rejected with a reason.
 * A record that is not a valid MessageRequested fails here and goes to the dead-letter topic. When Redis or
 * Kafka fail, the message waits and is retried (fail closed); it is never approved without a suppression read.
 */
@ApplicationScoped
public class RequestScreening {
    private static final Logger LOG = Logger.getLogger(RequestScreening.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final SuppressionIndex index;
    private final MutinyEmitter<MessageApproved> approved;
    private final MutinyEmitter<MessageRejected> rejected;

    public RequestScreening(SuppressionIndex index,
            @Channel(Channels.APPROVED) MutinyEmitter<MessageApproved> approved,
            @Channel(Channels.REJECTED) MutinyEmitter<MessageRejected> rejected) {
        this.index = index;
        this.approved = approved;
        this.rejected = rejected;
    }

    @Incoming(Channels.REQUESTS)
    public Uni<Void> screen(byte[] payload) {
        return Uni.createFrom().item(() -> EventCodec.decode(payload, MessageRequested.class))
                .chain(request -> decide(request, Instant.now())
                        .onFailure().invoke(e -> LOG.warnf("cannot screen %s yet, retrying: %s", request.messageId(),
                                e.toString()))
                        .onFailure().retry().withBackOff(FIRST_BACKOFF, MAX_BACKOFF).indefinitely())
                .chain(outcome -> publish(outcome)
                        .onFailure().invoke(e -> LOG.warnf("cannot publish %s yet, retrying: %s", outcome.eventId(),
                                e.toString()))
                        .onFailure().retry().withBackOff(FIRST_BACKOFF, MAX_BACKOFF).indefinitely());
    }

    Uni<SmsEvent> decide(MessageRequested request, Instant now) {
        try {
            PhoneNumbers.requireE164(request.recipient());
        } catch (InvalidNumberException e) {
            return Uni.createFrom().item(reject(request, RejectionReason.INVALID_NUMBER, e.getMessage(), now));
        }
        if (request.validUntil() != null && !now.isBefore(request.validUntil())) {
            return Uni.createFrom().item(reject(request, RejectionReason.EXPIRED, "validUntil has passed", now));
        }
        return replyAllowed(request)
                .chain(allowed -> allowed ? Uni.createFrom().item(approve(request, now))
                        : index.suppressingScope(request.recipient(), request.programId())
                                .map(scope -> scope.<SmsEvent> map(s -> reject(request, RejectionReason.OPTED_OUT,
                                        "opted out (" + s + ")", now)).orElseGet(() -> approve(request, now))));
    }

    /** A keyword's one reply passes suppression with the allowance inbound granted when the keyword arrived. */
    private Uni<Boolean> replyAllowed(MessageRequested request) {
        if (request.category().isKeywordReply()) {
            return index.takeReplyAllowance(request.category(), request.recipient(), request.programId());
        }
        return Uni.createFrom().item(false);
    }

    private static MessageApproved approve(MessageRequested request, Instant now) {
        SmsEncoding.Result encoding = SmsEncoding.of(request.body());
        Instant sendAfter = request.notBefore() != null && request.notBefore().isAfter(now) ? request.notBefore() : now;
        LOG.debugf("approved %s to %s", request.messageId(), PhoneNumbers.mask(request.recipient()));
        return new MessageApproved(request, request.body(), encoding.encoding(), encoding.segments(), false, sendAfter,
                now);
    }

    private static MessageRejected reject(MessageRequested request, RejectionReason reason, String detail, Instant now) {
        LOG.debugf("rejected %s to %s: %s", request.messageId(), PhoneNumbers.mask(request.recipient()), reason);
        return MessageRejected.of(request, reason, detail, Channels.SOURCE, now);
    }

    private Uni<Void> publish(SmsEvent outcome) {
        if (outcome instanceof MessageApproved approval) {
            return approved.sendMessage(EventMessages.of(approval));
        }
        return rejected.sendMessage(EventMessages.of((MessageRejected) outcome));
    }
}
