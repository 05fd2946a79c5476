package org.compliantsms.dispatch.sending;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.compliantsms.batch.BatchHandler;
import org.compliantsms.batch.Output;
import org.compliantsms.batch.Received;
import org.compliantsms.batch.RetryLaterException;
import org.compliantsms.deferral.DeferralReleaser;
import org.compliantsms.deferral.DeferralStore;
import org.compliantsms.deferral.Deferred;
import org.compliantsms.dispatch.Channels;
import org.compliantsms.dispatch.carrier.CarrierConfig;
import org.compliantsms.dispatch.carrier.CarrierError;
import org.compliantsms.dispatch.carrier.Carriers;
import org.compliantsms.dispatch.carrier.SubmitResult;
import org.compliantsms.dispatch.routing.CarrierRouting;
import org.compliantsms.dispatch.routing.CarrierRouting.Routed;
import org.compliantsms.dispatch.receipts.SentMessage;
import org.compliantsms.dispatch.receipts.SentMessageIndex;
import org.compliantsms.dispatch.sending.DispatchLedger.Entry;
import org.compliantsms.dispatch.sending.DispatchLedger.Outcome;
import org.compliantsms.dispatch.sending.DispatchLedger.State;
import org.compliantsms.events.DeliveryStatus;
import org.compliantsms.events.MessageApproved;
import org.compliantsms.events.MessageRejected;
import org.compliantsms.events.MessageStatus;
import org.compliantsms.events.PhoneNumbers;
import org.compliantsms.events.RejectionReason;
import org.compliantsms.events.SmsEvent;
import org.compliantsms.suppression.IndexCompleteness;
import org.compliantsms.suppression.RedisBatch;
import org.compliantsms.suppression.ReplyAllowances;
import org.compliantsms.suppression.SendFence;
import org.compliantsms.suppression.erased.ErasedSuppressionIndex;
import org.jboss.logging.Logger;

import io.vertx.mutiny.redis.client.Redis;

/**
 * Sends each approved message to the carrier once, a batch at a time:
 * <ol>
 * <li>messages whose {@code sendAfter} has not come go to the deferral store (the consumer moves on);</li>
 * <li>then a window's worth at a time: one pipelined Redis round trip claims the messages in the ledger and
 * re-reads the suppression index (an opt-out may have arrived since compliance approved it; the index must be
 * complete), each submit entering the number's {@link SendFence} just before its read; the claimed ones still
 * valid ({@code validUntil}) and unsuppressed (or the one keyword reply compliance let through with its
 * {@link ReplyAllowances allowance}) and with a route to a carrier (else NO_ROUTE) are submitted at once, each to
 * the first carrier of its route that takes it ({@link CarrierRouting}); one round trip records their
 * outcomes and counts the submits out. The next window is claimed while this one waits for the carrier, and this one is
 * recorded while the next is submitted;</li>
 * <li>the status and rejection events are the batch's outputs.</li>
 * </ol>
 * A submit without an answer ends UNCONFIRMED and is never repeated; one the carrier refused waits in the deferral
 * store with a backoff as its {@link RetryPolicy} says (the consumer moves on), or ends FAILED with the carrier's
 * code; one that certainly did not leave (no session) makes the batch wait and retry.
 */
@ApplicationScoped
public class ApprovedMessageSender implements BatchHandler<MessageApproved> {
    static final String ATTEMPT_HEADER = "dispatch-attempt";
    private static final Logger LOG = Logger.getLogger(ApprovedMessageSender.class);
    private static final Duration REDIS_TIMEOUT = Duration.ofSeconds(5);
    /** A message due within this is sent now rather than deferred. */
    private static final Duration DEFER_TOLERANCE = Duration.ofMillis(500);

    private final Carriers carriers;
    private final CarrierRouting routing;
    private final DispatchLedger ledger;
    private final UnrecordedOutcomes unrecorded;
    private final SendFence fence;
    private final ErasedSuppressionIndex erased;
    private final DeferralStore deferrals;
    private final ReplyAllowances allowances;
    private final Redis redis;
    private final RetryPolicy retryPolicy;
    private final SentMessageIndex sentIndex;
    private final Duration staleClaim;

    public ApprovedMessageSender(Carriers carriers, CarrierRouting routing, DispatchLedger ledger,
            UnrecordedOutcomes unrecorded, SendFence fence, DeferralStore deferrals, ReplyAllowances allowances,
            Redis redis, SentMessageIndex sentIndex, CarrierConfig config, ErasedSuppressionIndex erased) {
        this.carriers = carriers;
        this.erased = erased;
        this.routing = routing;
        this.ledger = ledger;
        this.unrecorded = unrecorded;
        this.fence = fence;
        this.deferrals = deferrals;
        this.allowances = allowances;
        this.redis = redis;
        this.retryPolicy = RetryPolicy.of(config.carrier().retry());
        this.sentIndex = sentIndex;
        // Another replica's claim older than this cannot be a submit still waiting for its answer.
        // (several carriers tried in turn by failover: each one's timeout)
        this.staleClaim = carriers.longestResponseTimeout().multipliedBy(2L * Math.max(1, carriers.all().size()))
                .plusSeconds(5);
    }

    @Override
    public String name() {
        return Channels.APPROVED;
    }

    @Override
    public Class<MessageApproved> eventType() {
        return MessageApproved.class;
    }

    @Override
    public List<Output> handle(List<Received<MessageApproved>> batch) {
        Instant now = Instant.now();
        List<Deferred> waiting = new ArrayList<>();
        List<Received<MessageApproved>> due = new ArrayList<>(batch.size());
        for (Received<MessageApproved> received : batch) {
            if (notYet(received, now)) {
                waiting.add(new Deferred(received.event().messageId(), received.event().sendAfter(),
                        copy(received.record(), attempt(received.record()))));
            } else {
                due.add(received);
            }
        }
        deferrals.deferAll(waiting);
        return due.isEmpty() ? List.of() : send(due, now);
    }

    /**
     * One window's worth at a time, its Redis round trips overlapping the carrier's: the next window is claimed
     * while this one's submits wait for their answers, and this one's outcomes are recorded while the next one is
     * submitted. A replica killed mid-batch therefore leaves at most three windows of claims without outcome (one
     * recording, one submitted, one claimed): those end UNCONFIRMED, never submitted again.
     */
    private List<Output> send(List<Received<MessageApproved>> due, Instant now) {
        int capacity = carriers.capacity();
        List<Window> windows = new ArrayList<>();
        for (int from = 0; from < due.size(); from += capacity) {
            windows.add(new Window(due.subList(from, Math.min(due.size(), from + capacity))));
        }
        try {
            windows.get(0).claim();
            for (int k = 0; k < windows.size(); k++) {
                Window current = windows.get(k);
                List<CompletableFuture<Routed>> answers = current.decideAndSubmit(Instant.now());
                if (k + 1 < windows.size()) {
                    windows.get(k + 1).claim();
                }
                List<Routed> results = CarrierRouting.await(answers);
                current.afterSubmit(results);
                current.record();
            }
            for (Window w : windows) {
                w.awaitRecorded();
            }
        } catch (RuntimeException e) {
            windows.forEach(Window::abandonQuietly);
            throw e;
        }
        List<Output> outputs = new ArrayList<>(due.size());
        for (Window w : windows) {
            for (Step step : w.steps) {
                if (step.outcome != null) {
                    outputs.add(Output.event(event(step.message(), step.outcome, now), Channels.SOURCE)
                            .causedBy(step.received.record()));
                }
            }
        }
        return outputs;
    }

    /**
     * One SMPP window of a batch: claimed and re-checked in one Redis round trip (the index must be complete; each
     * submit enters the number's {@link SendFence} before its read), submitted at once, its outcomes recorded and
     * its submits counted out of the fence in another.
     */
    private final class Window {
        final List<Step> steps = new ArrayList<>();
        private final List<Received<MessageApproved>> messages;
        private Supplier<Void> complete;
        private Supplier<Void> erasedLoaded;
        private CompletableFuture<Void> claimed;
        private List<Step> submitted = List.of();
        private CompletableFuture<Void> written;
        private List<String> recorded = List.of();
        private List<String> notSent = List.of();

        Window(List<Received<MessageApproved>> messages) {
            this.messages = messages;
        }

        void claim() {
            RedisBatch reads = new RedisBatch();
            complete = IndexCompleteness.require(reads);
            // Erased numbers stay suppressed under their HMAC (docs/compliance.md, "Erasure").
            erasedLoaded = ErasedSuppressionIndex.requireLoaded(reads);
            for (Received<MessageApproved> received : messages) {
                MessageApproved message = received.event();
                String programId = message.request().programId();
                RedisBatch.Reply<Optional<String>> scope = ErasedSuppressionIndex.either(
                        fence.enterAndRead(reads, message.recipient(), programId, message.messageId()),
                        erased.suppressingScope(reads, message.recipient(), programId));
                // Only the keyword reply compliance let through with its allowance is exempt; any other is checked.
                RedisBatch.Reply<Boolean> allowed = message.request().category().isKeywordReply()
                        ? allowances.allowed(reads, message.messageId())
                        : null;
                steps.add(new Step(received, ledger.claim(reads, message.messageId()), scope, allowed));
            }
            claimed = reads.start(redis);
        }

        List<CompletableFuture<Routed>> decideAndSubmit(Instant now) {
            RedisBatch.await(claimed, REDIS_TIMEOUT);
            complete.get();
            erasedLoaded.get();
            List<Step> toSubmit = new ArrayList<>();
            for (Step step : steps) {
                step.decideBeforeSubmit(now);
                if (step.submitNow) {
                    toSubmit.add(step);
                }
            }
            submitted = toSubmit;
            return routing.submitEach(toSubmit.stream().map(Step::message).toList(),
                    toSubmit.stream().map(step -> step.route).toList());
        }

        void afterSubmit(List<Routed> results) {
            List<Deferred> retries = new ArrayList<>();
            List<String> notSentReasons = new ArrayList<>();
            for (int i = 0; i < submitted.size(); i++) {
                Step step = submitted.get(i);
                step.afterSubmit(results.get(i), retries, notSentReasons);
                if (step.outcome != null) {
                    unrecorded.remember(step.message().messageId(), step.outcome);
                }
            }
            notSent = notSentReasons;
            deferrals.deferAll(retries);
        }

        /** Records the outcomes (and the submitted ones' carrier ids) and counts the submits out, without waiting. */
        void record() {
            RedisBatch writes = new RedisBatch();
            List<String> ids = new ArrayList<>();
            for (Step step : steps) {
                fence.leave(writes, step.message().recipient(), step.message().messageId());
                if (step.outcome != null && step.recordOutcome) {
                    if (step.outcome.state() == State.SUBMITTED) {
                        // Its receipts find it through the carrier's id: written in this same round trip, before
                        // the outcome, so that a recorded SUBMITTED always has its index entry.
                        sentIndex.remember(writes, step.outcome.carrier(),
                                step.carrierIds.isEmpty() ? List.of(step.outcome.detail()) : step.carrierIds,
                                SentMessage.of(step.message(), step.received.record()));
                    }
                    ledger.record(writes, step.message().messageId(), step.outcome);
                    ids.add(step.message().messageId());
                } else if (step.release != null) {
                    ledger.release(writes, step.message().messageId(), step.release);
                }
            }
            recorded = ids;
            written = writes.start(redis);
            if (!notSent.isEmpty()) {
                // Submitted ones are recorded: the retry publishes them; the others are submitted then.
                RedisBatch.await(written, REDIS_TIMEOUT);
                unrecorded.recorded(recorded);
                throw new RetryLaterException("carrier unavailable (" + notSent.size() + " not sent): "
                        + notSent.get(0));
            }
        }

        void awaitRecorded() {
            RedisBatch.await(written, REDIS_TIMEOUT);
            unrecorded.recorded(recorded);
        }

        /**
         * After a failure: a window claimed and not submitted gives its claims back; one whose submits were not
         * counted out yet leaves the fence. Best effort: a claim left is taken back by this replica's retry, and
         * the fence's sets expire on their own.
         */
        void abandonQuietly() {
            if (claimed == null || written != null) {
                return;
            }
            boolean read;
            try {
                RedisBatch.await(claimed, REDIS_TIMEOUT);
                read = true;
            } catch (RuntimeException e) {
                read = false;
            }
            RedisBatch leave = new RedisBatch();
            for (Step step : steps) {
                fence.leave(leave, step.message().recipient(), step.message().messageId());
                if (read && submitted.isEmpty() && step.claim.get() instanceof Entry.Claimed mine) {
                    ledger.release(leave, step.message().messageId(), mine.claim());
                }
            }
            try {
                leave.execute(redis, REDIS_TIMEOUT);
            } catch (RuntimeException e) {
                // as above
            }
        }
    }

    /** One message's way through the batch. */
    private final class Step {
        final Received<MessageApproved> received;
        final RedisBatch.Reply<Entry> claim;
        final RedisBatch.Reply<Optional<String>> suppressingScope;
        final RedisBatch.Reply<Boolean> allowedReply;
        Entry.Claim ownClaim;
        boolean submitNow;
        Outcome outcome;
        /** Every part's carrier id of a message submitted now (a receipt may name any of them). */
        List<String> carrierIds = List.of();
        boolean recordOutcome = true;
        Entry.Claim release;
        /** The carriers to try, in order. */
        List<String> route = List.of();

        Step(Received<MessageApproved> received, RedisBatch.Reply<Entry> claim,
                RedisBatch.Reply<Optional<String>> suppressingScope, RedisBatch.Reply<Boolean> allowedReply) {
            this.received = received;
            this.claim = claim;
            this.suppressingScope = suppressingScope;
            this.allowedReply = allowedReply;
        }

        MessageApproved message() {
            return received.event();
        }

        void decideBeforeSubmit(Instant now) {
            Entry entry = claim.get();
            if (entry instanceof Entry.Recorded recorded) {
                // A redelivery: announce the recorded outcome again, send nothing.
                outcome = recorded.outcome();
                recordOutcome = false;
                return;
            }
            if (entry instanceof Entry.Claimed claimed) {
                ownClaim = claimed.claim();
            } else if (entry instanceof Entry.Claim other) {
                if (ledger.ownedByThisReplica(other)) {
                    ownClaim = other;
                } else if (Duration.between(other.at(), now).compareTo(staleClaim) > 0) {
                    outcome = new Outcome(State.UNCONFIRMED, unknownCarrier(),
                            "claimed at " + other.at() + " by a replica that stopped before recording its submit");
                    return;
                } else {
                    throw new RetryLaterException("message " + message().messageId()
                            + " is being submitted by another replica");
                }
            }
            Optional<Outcome> known = unrecorded.of(message().messageId());
            if (known.isPresent()) {
                outcome = known.get();
                return;
            }
            Instant validUntil = message().request().validUntil();
            if (validUntil != null && !now.isBefore(validUntil)) {
                outcome = new Outcome(State.EXPIRED, unknownCarrier(), "validUntil " + validUntil
                        + " passed before submit");
                return;
            }
            Optional<String> blockedBy = suppressingScope.get();
            if (blockedBy.isPresent() && !(allowedReply != null && allowedReply.get())) {
                outcome = new Outcome(State.BLOCKED, unknownCarrier(), blockedBy.get());
                return;
            }
            route = routing.routeFor(message().recipient());
            if (route.isEmpty()) {
                outcome = new Outcome(State.NO_ROUTE, unknownCarrier(), "no carrier route takes "
                        + PhoneNumbers.mask(message().recipient()));
                return;
            }
            submitNow = true;
        }

        void afterSubmit(Routed routed, List<Deferred> retries, List<String> notSent) {
            SubmitResult result = routed.result();
            String carrier = routed.carrier();
            MessageApproved message = message();
            if (result instanceof SubmitResult.Accepted accepted) {
                outcome = new Outcome(State.SUBMITTED, carrier, accepted.carrierMessageId());
                carrierIds = accepted.partIds();
            } else if (result instanceof SubmitResult.Unknown unknown) {
                LOG.warnf("submit of %s unconfirmed: %s", message.messageId(), unknown.reason());
                outcome = new Outcome(State.UNCONFIRMED, carrier, unknown.reason());
            } else if (result instanceof SubmitResult.Refused refused) {
                CarrierError error = refused.error();
                int attempt = attempt(received.record()) + 1;
                Optional<Duration> delay = retryPolicy.retryAfter(error, attempt);
                if (delay.isEmpty()) {
                    LOG.infof("carrier refused %s for good: %s", message.messageId(),
                            RetryPolicy.failure(error, attempt));
                    outcome = new Outcome(State.FAILED, carrier, RetryPolicy.failure(error, attempt));
                } else {
                    LOG.debugf("carrier refused %s (%s, attempt %d): again in %s", message.messageId(), error.text(),
                            attempt, delay.get());
                    // One id per attempt: the row of the attempt just released may not be deleted yet (the
                    // releaser deletes it once Kafka took it), and the store keeps the first of an id.
                    retries.add(new Deferred(message.messageId() + ":attempt-" + attempt,
                            Instant.now().plus(delay.get()), copy(received.record(), attempt)));
                    release = ownClaim;
                }
            } else if (result instanceof SubmitResult.NotSent not) {
                notSent.add(not.reason());
                release = ownClaim;
            }
        }
    }

    /**
     * The carrier named in an outcome no carrier decided (expired, blocked, a stale claim): the carrier when there
     * is only one, as before routing existed.
     */
    private String unknownCarrier() {
        return carriers.all().size() == 1 ? carriers.all().iterator().next().name() : "none";
    }

    private static boolean notYet(Received<MessageApproved> received, Instant now) {
        // The time first: a header lookup decodes every header's name. An expired one ends now, not later.
        Instant validUntil = received.event().request().validUntil();
        return received.event().sendAfter().isAfter(now.plus(DEFER_TOLERANCE))
                && (validUntil == null || now.isBefore(validUntil))
                && received.record().headers().lastHeader(DeferralReleaser.RELEASED_AT) == null;
    }

    static int attempt(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader(ATTEMPT_HEADER);
        return header == null ? 0 : Integer.parseInt(new String(header.value(), StandardCharsets.UTF_8));
    }

    /** The input record as it came (its bytes and CloudEvents headers), to produce again later. */
    private static Output copy(ConsumerRecord<String, byte[]> record, int attempt) {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.remove(ATTEMPT_HEADER);
        headers.remove(DeferralReleaser.RELEASED_AT);
        if (attempt > 0) {
            headers.add(ATTEMPT_HEADER, Integer.toString(attempt).getBytes(StandardCharsets.UTF_8));
        }
        return new Output(record.topic(), record.key(), record.value(), headers);
    }

    private static SmsEvent event(MessageApproved message, Outcome outcome, Instant now) {
        return switch (outcome.state()) {
            case SUBMITTED -> status(message, DeliveryStatus.SUBMITTED, outcome, outcome.detail(), null, now);
            case FAILED -> status(message, DeliveryStatus.FAILED, outcome, null, outcome.detail(), now);
            case UNCONFIRMED -> status(message, DeliveryStatus.UNCONFIRMED, outcome, null, outcome.detail(), now);
            case BLOCKED -> MessageRejected.of(message.request(), RejectionReason.BLOCKED_AT_DISPATCH,
                    "opted out (" + outcome.detail() + ") after approval", Channels.SOURCE, now);
            case EXPIRED -> MessageRejected.of(message.request(), RejectionReason.EXPIRED, outcome.detail(),
                    Channels.SOURCE, now);
            case NO_ROUTE -> MessageRejected.of(message.request(), RejectionReason.NO_ROUTE, outcome.detail(),
                    Channels.SOURCE, now);
        };
    }

    private static MessageStatus status(MessageApproved message, DeliveryStatus status, Outcome outcome,
            String carrierMessageId, String error, Instant now) {
        return new MessageStatus(message.messageId(), message.request().programId(), message.request().campaignId(),
                message.recipient(), status, outcome.carrier(), carrierMessageId, error, now);
    }
}
