package org.compliantsms.dispatch.sending;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.dispatch.Channels;
import org.compliantsms.dispatch.carrier.CarrierException;
import org.compliantsms.dispatch.carrier.SmppCarrier;
import org.compliantsms.dispatch.sending.DispatchLedger.Outcome;
import org.compliantsms.dispatch.sending.DispatchLedger.State;
import org.compliantsms.events.DeliveryStatus;
import org.compliantsms.events.EventCodec;
import org.compliantsms.events.EventMessages;
import org.compliantsms.events.MessageApproved;
import org.compliantsms.events.MessageRejected;
import org.compliantsms.events.MessageStatus;
import org.compliantsms.events.PhoneNumbers;
import org.compliantsms.events.RejectionReason;
import org.compliantsms.suppression.SuppressionIndex;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * Sends each approved message to the carrier once. Right before each submission it reads the suppression index
 * again (an opt-out may have arrived since compliance approved it): a suppressed recipient gets nothing and the
 * message ends as rejected BLOCKED_AT_DISPATCH. Infrastructure failures (Redis, Kafka, the carrier session) make
 * the message wait and retry; nothing is sent without a suppression read.
 */
@ApplicationScoped
public class ApprovedMessageSender {
    private static final Logger LOG = Logger.getLogger(ApprovedMessageSender.class);

    private final SmppCarrier carrier;
    private final DispatchLedger ledger;
    private final SuppressionIndex index;
    private final MutinyEmitter<MessageStatus> statuses;
    private final MutinyEmitter<MessageRejected> rejections;

    public ApprovedMessageSender(SmppCarrier carrier, DispatchLedger ledger, SuppressionIndex index,
            @Channel(Channels.STATUS) MutinyEmitter<MessageStatus> statuses,
            @Channel(Channels.REJECTED) MutinyEmitter<MessageRejected> rejections) {
        this.carrier = carrier;
        this.ledger = ledger;
        this.index = index;
        this.statuses = statuses;
        this.rejections = rejections;
    }

    @Incoming(Channels.APPROVED)
    public Uni<Void> send(byte[] payload) {
        return Uni.createFrom().item(() -> EventCodec.decode(payload, MessageApproved.class))
                .chain(message -> waitUntil(message.sendAfter())
                        .chain(() -> dispatch(message))
                        .onFailure().invoke(e -> LOG.warnf("%s not sent yet, retrying: %s", message.messageId(),
                                e.getMessage()))
                        .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).indefinitely());
    }

    private Uni<Void> dispatch(MessageApproved message) {
        return ledger.claim(message.messageId()).chain(claim -> {
            if (claim.outcome().isPresent()) {
                // a redelivery: announce the recorded outcome again, send nothing
                return publish(message, claim.outcome().get());
            }
            if (!claim.claimed()) {
                return Uni.createFrom().failure(new IllegalStateException("claimed by another instance"));
            }
            return lastMileCheck(message).chain(blockedBy -> blockedBy.isPresent()
                    ? record(message, new Outcome(State.BLOCKED, carrier.name(), blockedBy.get()))
                    : submit(message));
        });
    }

    /** The scope that suppresses the recipient now; a keyword's reply was already let through by compliance. */
    private Uni<Optional<String>> lastMileCheck(MessageApproved message) {
        if (message.request().category().isKeywordReply()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return index.suppressingScope(message.recipient(), message.request().programId());
    }

    /** jSMPP blocks until submit_sm_resp: on a worker thread. */
    private Uni<Void> submit(MessageApproved message) {
        return Uni.createFrom().item(() -> submitBlocking(message))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(outcome -> record(message, outcome));
    }

    private Outcome submitBlocking(MessageApproved message) {
        try {
            String carrierMessageId = carrier.submit(message);
            LOG.debugf("submitted %s to %s as %s", message.messageId(), PhoneNumbers.mask(message.recipient()),
                    carrierMessageId);
            return new Outcome(State.SUBMITTED, carrier.name(), carrierMessageId);
        } catch (CarrierException e) {
            if (e.permanent()) {
                LOG.infof("carrier refused %s for good: %s", message.messageId(), e.getMessage());
                return new Outcome(State.FAILED, carrier.name(), e.getMessage());
            }
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private Uni<Void> record(MessageApproved message, Outcome outcome) {
        return ledger.record(message.messageId(), outcome).chain(() -> publish(message, outcome));
    }

    private Uni<Void> publish(MessageApproved message, Outcome outcome) {
        Instant now = Instant.now();
        return switch (outcome.state()) {
            case SUBMITTED -> statuses.sendMessage(EventMessages.of(status(message, DeliveryStatus.SUBMITTED,
                    outcome, null, now)));
            case FAILED -> statuses.sendMessage(EventMessages.of(status(message, DeliveryStatus.FAILED, outcome,
                    outcome.detail(), now)));
            case BLOCKED -> rejections.sendMessage(EventMessages.of(MessageRejected.of(message.request(),
                    RejectionReason.BLOCKED_AT_DISPATCH, "opted out (" + outcome.detail() + ") after approval",
                    Channels.SOURCE, now)));
        };
    }

    private static MessageStatus status(MessageApproved message, DeliveryStatus status, Outcome outcome, String error,
            Instant now) {
        return new MessageStatus(message.messageId(), message.request().programId(), message.request().campaignId(),
                message.recipient(), status, outcome.carrier(),
                status == DeliveryStatus.SUBMITTED ? outcome.detail() : null, error, now);
    }

    private static Uni<Void> waitUntil(Instant sendAfter) {
        Duration wait = Duration.between(Instant.now(), sendAfter);
        return wait.isNegative() || wait.isZero() ? Uni.createFrom().voidItem()
                : Uni.createFrom().voidItem().onItem().delayIt().by(wait);
    }
}
