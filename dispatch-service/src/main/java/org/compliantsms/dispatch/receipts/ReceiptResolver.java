package org.compliantsms.dispatch.receipts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.batch.Output;
import org.compliantsms.batch.OutputProducer;
import org.compliantsms.dispatch.Channels;
import org.compliantsms.events.DeliveryStatus;
import org.compliantsms.events.MessageStatus;
import org.compliantsms.events.PhoneNumbers;
import org.compliantsms.suppression.RedisBatch;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;

/**
 * Resolves a batch of receipts: one pipelined Redis read finds each one's message through its carrier id as
 * written (a second one, for those that matched nothing, tries the other radix); one pipelined write claims each message's first final receipt
 * ({@code SET sms:receipt-done:<messageId> <receipt> NX GET}) and keeps the unmatched ones for review; the status
 * events are produced and acknowledged by Kafka before this returns. So when it throws, nothing may be answered
 * and the carrier sends them again; a receipt sent again after its claim was written is published again (same
 * event id), while another receipt for the same message (another part, another final state) is not.
 */
@ApplicationScoped
public class ReceiptResolver {
    static final String DONE_PREFIX = "sms:receipt-done:";
    /** When dispatch first saw an unmatched receipt (epoch ms): its grace is counted from there, across restarts. */
    static final String UNMATCHED_PREFIX = "sms:receipt-unmatched:";
    private static final Logger LOG = Logger.getLogger(ReceiptResolver.class);
    private static final Duration REDIS_TIMEOUT = Duration.ofSeconds(5);

    /** What became of one receipt. */
    public enum Resolution {
        /** Its status was published. */
        PUBLISHED,
        /** Its message already had a final receipt: matched, not published again. */
        DUPLICATE,
        /** Matched, but a state on the way (ENROUTE, ACCEPTD): nothing to publish. */
        NOT_FINAL,
        /** Matched nothing yet: to look up once more later. */
        RECHECK,
        /**
         * Matched nothing again, first seen less than {@code unmatched-grace} ago: answered with an error, so the
         * carrier sends it again.
         */
        RETRY,
        /** Matched nothing, or unreadable: kept for review. */
        REVIEW
    }

    private final SentMessageIndex index;
    private final ReceiptReview review;
    private final OutputProducer producer;
    private final Redis redis;
    private final MeterRegistry metrics;
    private final boolean otherRadix;
    private final boolean recheck;
    private final long doneTtlSeconds;
    private final long graceMillis;

    public ReceiptResolver(SentMessageIndex index, ReceiptReview review, OutputProducer producer, Redis redis,
            MeterRegistry metrics, ReceiptConfig config) {
        this.index = index;
        this.review = review;
        this.producer = producer;
        this.redis = redis;
        this.metrics = metrics;
        this.otherRadix = config.matchOtherRadix();
        this.recheck = !config.unmatchedRecheck().isZero();
        this.doneTtlSeconds = Math.max(1, config.indexTtl().toSeconds());
        this.graceMillis = config.unmatchedGrace().toMillis();
    }

    /** Blocking: Redis twice, then Kafka; throws when any of them failed (nothing is to be answered then). */
    public List<Resolution> resolve(List<IncomingReceipt> batch) {
        List<RedisBatch.Reply<Long>> firstSeen = new ArrayList<>(batch.size());
        List<SentMessage> messages = find(batch, firstSeen);

        RedisBatch writes = new RedisBatch();
        List<Step> steps = new ArrayList<>(batch.size());
        long nowMillis = System.currentTimeMillis();
        for (int i = 0; i < batch.size(); i++) {
            steps.add(step(batch.get(i), messages.get(i), firstSeen.get(i), nowMillis, writes));
        }
        writes.execute(redis, REDIS_TIMEOUT);

        List<Output> outputs = new ArrayList<>();
        Instant now = Instant.now();
        List<Resolution> resolutions = new ArrayList<>(batch.size());
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            Resolution resolution = step.resolution();
            if (resolution == Resolution.PUBLISHED) {
                outputs.add(Output.event(status(batch.get(i), step.message, now), Channels.SOURCE)
                        .inTrace(step.message.traceparent()));
            }
            resolutions.add(resolution);
        }
        producer.sendAll(outputs);
        for (int i = 0; i < steps.size(); i++) {
            counted(batch.get(i), steps.get(i), resolutions.get(i));
        }
        return resolutions;
    }

    /**
     * Each receipt's message (null when none): one pipelined read of the ids as written, and only for those that
     * matched nothing (rare) a second one of their other forms.
     */
    private List<SentMessage> find(List<IncomingReceipt> batch, List<RedisBatch.Reply<Long>> firstSeen) {
        List<List<String>> forms = new ArrayList<>(batch.size());
        RedisBatch reads = new RedisBatch();
        List<RedisBatch.Reply<Optional<SentMessage>>> asWritten = new ArrayList<>(batch.size());
        for (IncomingReceipt incoming : batch) {
            List<String> candidates = incoming.receipt() == null ? List.of()
                    : CarrierMessageIds.candidates(incoming.receipt().carrierMessageId(), otherRadix);
            forms.add(candidates);
            asWritten.add(candidates.isEmpty() ? null : index.find(reads, incoming.carrier(), candidates.get(0)));
        }
        reads.execute(redis, REDIS_TIMEOUT);
        List<SentMessage> found = new ArrayList<>(batch.size());
        RedisBatch again = new RedisBatch();
        List<List<RedisBatch.Reply<Optional<SentMessage>>>> otherForms = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            SentMessage message = asWritten.get(i) == null ? null : asWritten.get(i).get().orElse(null);
            found.add(message);
            List<RedisBatch.Reply<Optional<SentMessage>>> replies = new ArrayList<>(2);
            RedisBatch.Reply<Long> seen = null;
            if (message == null) {
                for (String form : forms.get(i).subList(Math.min(1, forms.get(i).size()), forms.get(i).size())) {
                    replies.add(index.find(again, batch.get(i).carrier(), form));
                }
                if (lastLook(batch.get(i)) && graceMillis > 0) {
                    seen = firstSeen(again, batch.get(i));
                }
            }
            otherForms.add(replies);
            firstSeen.add(seen);
        }
        if (again.size() > 0) {
            again.execute(redis, REDIS_TIMEOUT);
            for (int i = 0; i < batch.size(); i++) {
                if (found.get(i) == null) {
                    found.set(i, otherForms.get(i).stream().map(RedisBatch.Reply::get).flatMap(Optional::stream)
                            .findFirst().orElse(null));
                }
            }
        }
        return found;
    }

    /** Whether this look-up of a readable receipt is its last before review (its recheck done, or none). */
    private boolean lastLook(IncomingReceipt incoming) {
        return incoming.receipt() != null && (incoming.rechecked() || !recheck);
    }

    /** When this receipt was first seen unmatched: set now if never (then the reply is now). */
    private RedisBatch.Reply<Long> firstSeen(RedisBatch batch, IncomingReceipt incoming) {
        Receipt receipt = incoming.receipt();
        String key = UNMATCHED_PREFIX + incoming.carrier() + ":" + CarrierMessageIds.normalise(
                receipt.carrierMessageId()) + ":" + receipt.state().name();
        String now = Long.toString(System.currentTimeMillis());
        return batch.add(Request.cmd(Command.SET).arg(key).arg(now).arg("NX").arg("GET").arg("PX")
                .arg(graceMillis + 3_600_000L), r -> Long.parseLong(r == null ? now : r.toString()));
    }

    private Step step(IncomingReceipt incoming, SentMessage message, RedisBatch.Reply<Long> firstSeen,
            long nowMillis, RedisBatch writes) {
        Receipt receipt = incoming.receipt();
        if (message == null) {
            if (receipt != null && recheck && !incoming.rechecked()) {
                return new Step(Resolution.RECHECK, null, null, null);
            }
            if (firstSeen != null && nowMillis - firstSeen.get() < graceMillis) {
                return new Step(Resolution.RETRY, null, null, null);
            }
            return new Step(Resolution.REVIEW, null, null, review.keep(writes, unmatched(incoming)));
        }
        if (!receipt.state().isFinal()) {
            return new Step(Resolution.NOT_FINAL, message, null, null);
        }
        String token = CarrierMessageIds.normalise(receipt.carrierMessageId()) + ":" + receipt.state().name();
        RedisBatch.Reply<Boolean> owned = writes.add(Request.cmd(Command.SET).arg(DONE_PREFIX + message.messageId())
                .arg(token).arg("NX").arg("GET").arg("EX").arg(doneTtlSeconds),
                r -> r == null || token.equals(r.toString()));
        return new Step(null, message, owned, null);
    }

    private static UnmatchedReceipt unmatched(IncomingReceipt incoming) {
        Receipt receipt = incoming.receipt();
        String handset = incoming.handset() == null ? null : PhoneNumbers.mask(incoming.handset());
        if (receipt == null) {
            return new UnmatchedReceipt(incoming.carrier() + ":unreadable:" + Integer.toHexString(
                    (incoming.rawText() + "|" + incoming.handset()).hashCode()), incoming.carrier(), null, null, null,
                    incoming.rawText(), handset, incoming.receivedAt(), incoming.problem());
        }
        String id = CarrierMessageIds.normalise(receipt.carrierMessageId());
        return new UnmatchedReceipt(incoming.carrier() + ":" + id + ":" + receipt.state().name(), incoming.carrier(),
                receipt.carrierMessageId(), receipt.state().name(), receipt.error(), receipt.text(), handset,
                incoming.receivedAt(), "no message sent with carrier id " + receipt.carrierMessageId()
                        + " (as written or in the other radix) is known");
    }

    private static MessageStatus status(IncomingReceipt incoming, SentMessage message, Instant now) {
        Receipt receipt = incoming.receipt();
        DeliveryStatus status = receipt.state().status().orElseThrow();
        return new MessageStatus(message.messageId(), message.programId(), message.campaignId(), message.recipient(),
                status, incoming.carrier(), receipt.carrierMessageId(), receipt.error(), now);
    }

    private void counted(IncomingReceipt incoming, Step step, Resolution resolution) {
        Receipt receipt = incoming.receipt();
        String state = receipt == null ? "UNREADABLE" : receipt.state().name();
        metrics.counter("sms_dispatch_receipts_total", "resolution", resolution.name(), "state", state).increment();
        switch (resolution) {
            case PUBLISHED -> LOG.debugf("receipt %s: message %s %s", receipt.carrierMessageId(),
                    step.message.messageId(), state);
            case DUPLICATE -> LOG.debugf("receipt %s (%s) for message %s, which already had its final receipt",
                    receipt.carrierMessageId(), state, step.message.messageId());
            case REVIEW -> {
                if (step.kept.get()) {
                    metrics.counter("sms_dispatch_receipts_review_total").increment();
                    LOG.infof("receipt kept for review: %s", receipt == null ? incoming.problem()
                            : "carrier id " + receipt.carrierMessageId() + " (" + state + ") matches no message");
                }
            }
            case RETRY -> LOG.debugf("receipt %s (%s) matches no message yet: the carrier is to send it again",
                    receipt.carrierMessageId(), state);
            default -> {
                // NOT_FINAL and RECHECK need no word
            }
        }
    }

    /** One receipt's way through the batch: its resolution, or the claim that decides it. */
    private record Step(Resolution decided, SentMessage message, RedisBatch.Reply<Boolean> owned,
            RedisBatch.Reply<Boolean> kept) {
        Resolution resolution() {
            if (decided != null) {
                return decided;
            }
            return owned.get() ? Resolution.PUBLISHED : Resolution.DUPLICATE;
        }
    }
}
