package org.compliantsms.compliance.screening;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.batch.BatchHandler;
import org.compliantsms.batch.Output;
import org.compliantsms.batch.Received;
import org.compliantsms.compliance.Channels;
import org.compliantsms.events.MessageApproved;
import org.compliantsms.events.MessageRejected;
import org.compliantsms.events.MessageRequested;
import org.compliantsms.events.PhoneNumbers;
import org.compliantsms.events.PhoneNumbers.InvalidNumberException;
import org.compliantsms.events.RejectionReason;
import org.compliantsms.events.SmsEvent;
import org.compliantsms.events.text.SmsEncoding;
import org.compliantsms.suppression.IndexCompleteness;
import org.compliantsms.suppression.RedisBatch;
import org.compliantsms.suppression.ReplyAllowances;
import org.compliantsms.suppression.SuppressionIndex;
import org.jboss.logging.Logger;

import io.vertx.mutiny.redis.client.Redis;

/**
 * Screens every requested message and publishes exactly one outcome: approved, or rejected with a reason. A batch
 * is decided with one pipelined Redis round trip (the index's completeness, every suppression lookup, the reply
 * allowances); approvals and rejections are produced in the same Kafka transaction as the input offsets. When Redis
 * is down or the index incomplete, the batch waits (fail closed): nothing is approved without a suppression read.
 */
@ApplicationScoped
public class RequestScreening implements BatchHandler<MessageRequested> {
    private static final Logger LOG = Logger.getLogger(RequestScreening.class);
    private static final Duration REDIS_TIMEOUT = Duration.ofSeconds(5);

    private final SuppressionIndex index;
    private final ReplyAllowances allowances;
    private final Redis redis;

    public RequestScreening(SuppressionIndex index, ReplyAllowances allowances, Redis redis) {
        this.index = index;
        this.allowances = allowances;
        this.redis = redis;
    }

    @Override
    public String name() {
        return Channels.REQUESTS;
    }

    @Override
    public Class<MessageRequested> eventType() {
        return MessageRequested.class;
    }

    @Override
    public List<Output> handle(List<Received<MessageRequested>> batch) {
        Instant now = Instant.now();
        RedisBatch reads = new RedisBatch();
        Supplier<Void> complete = IndexCompleteness.require(reads);
        List<Pending> pending = new ArrayList<>(batch.size());
        for (Received<MessageRequested> received : batch) {
            pending.add(screen(received.event(), reads, now));
        }
        reads.execute(redis, REDIS_TIMEOUT);
        complete.get();
        List<Output> outputs = new ArrayList<>(pending.size());
        RedisBatch allowed = new RedisBatch();
        for (Pending p : pending) {
            outputs.add(Output.event(p.decide(now), Channels.SOURCE));
            if (p.tookAllowance()) {
                allowances.markAllowed(allowed, p.request().messageId());
            }
        }
        if (allowed.size() > 0) {
            // Before the approvals are published: dispatch exempts from its last-mile check only what is marked.
            allowed.execute(redis, REDIS_TIMEOUT);
        }
        return outputs;
    }

    /** What can be decided without Redis is decided now; the rest reads in the batch's round trip. */
    private Pending screen(MessageRequested request, RedisBatch reads, Instant now) {
        try {
            PhoneNumbers.requireE164(request.recipient());
        } catch (InvalidNumberException e) {
            return Pending.decided(reject(request, RejectionReason.INVALID_NUMBER, e.getMessage(), now));
        }
        if (request.validUntil() != null && !now.isBefore(request.validUntil())) {
            return Pending.decided(reject(request, RejectionReason.EXPIRED, "validUntil has passed", now));
        }
        RedisBatch.Reply<Boolean> allowance = request.category().isKeywordReply()
                ? allowances.take(reads, request.category(), request.recipient(), request.programId(),
                        request.messageId())
                : null;
        return new Pending(request, null, allowance, index.suppressingScope(reads, request.recipient(),
                request.programId()));
    }

    /** A request and what its decision waits for. */
    private record Pending(MessageRequested request, SmsEvent outcome, RedisBatch.Reply<Boolean> allowance,
            RedisBatch.Reply<Optional<String>> suppressingScope) {

        static Pending decided(SmsEvent outcome) {
            return new Pending(null, outcome, null, null);
        }

        boolean tookAllowance() {
            return outcome == null && allowance != null && allowance.get();
        }

        /** A keyword's one reply passes suppression with the allowance inbound granted when the keyword arrived. */
        SmsEvent decide(Instant now) {
            if (outcome != null) {
                return outcome;
            }
            if (tookAllowance()) {
                return approve(request, now);
            }
            return suppressingScope.get()
                    .<SmsEvent> map(scope -> reject(request, RejectionReason.OPTED_OUT, "opted out (" + scope + ")", now))
                    .orElseGet(() -> approve(request, now));
        }
    }

    static MessageApproved approve(MessageRequested request, Instant now) {
        SmsEncoding.Result encoding = SmsEncoding.of(request.body());
        Instant sendAfter = request.notBefore() != null && request.notBefore().isAfter(now) ? request.notBefore() : now;
        if (LOG.isDebugEnabled()) {
            LOG.debugf("approved %s to %s", request.messageId(), PhoneNumbers.mask(request.recipient()));
        }
        return new MessageApproved(request, request.body(), encoding.encoding(), encoding.segments(), false, sendAfter,
                now);
    }

    static MessageRejected reject(MessageRequested request, RejectionReason reason, String detail, Instant now) {
        if (LOG.isDebugEnabled()) {
            LOG.debugf("rejected %s to %s: %s", request.messageId(), PhoneNumbers.mask(request.recipient()), reason);
        }
        return MessageRejected.of(request, reason, detail, Channels.SOURCE, now);
    }
}
