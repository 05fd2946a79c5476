package org.compliantsms.compliance.screening;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.compliantsms.batch.BatchHandler;
import org.compliantsms.batch.Output;
import org.compliantsms.batch.Received;
import org.compliantsms.compliance.Channels;
import org.compliantsms.compliance.consent.ConsentIndex;
import org.compliantsms.compliance.consent.ConsentRule;
import org.compliantsms.suppression.erased.ErasedSuppressionIndex;
import org.compliantsms.compliance.footer.BodyComposer;
import org.compliantsms.compliance.rules.Decision;
import org.compliantsms.compliance.rules.RuleChain;
import org.compliantsms.compliance.rules.Screened;
import org.compliantsms.deferral.DeferralReleaser;
import org.compliantsms.deferral.DeferralStore;
import org.compliantsms.deferral.Deferred;
import org.compliantsms.events.MessageApproved;
import org.compliantsms.events.MessageRejected;
import org.compliantsms.events.MessageRequested;
import org.compliantsms.events.PhoneNumbers;
import org.compliantsms.events.RejectionReason;
import org.compliantsms.events.SmsEvent;
import org.compliantsms.suppression.IndexCompleteness;
import org.compliantsms.suppression.RedisBatch;
import org.compliantsms.suppression.ReplyAllowances;
import org.compliantsms.suppression.SuppressionIndex;
import org.jboss.logging.Logger;

import io.vertx.mutiny.redis.client.Redis;

/**
 * Screens every requested message and publishes exactly one outcome: approved, or rejected with a reason and the
 * rule that decided; or, outside the recipient's quiet hours, defers it to the deferral store, from which it comes
 * back to this topic at the window's opening and is screened again, whole. A batch is decided in three steps:
 * <ol>
 * <li>the pure rules ({@link RuleChain}: number, country, validity, quiet hours), in memory;</li>
 * <li>one pipelined Redis round trip for the rest (the indexes' completeness, every suppression lookup, the consent
 * lookups of the MARKETING that needs consent, the reply allowances): an opt-out, then a missing consent, wins over
 * a deferral;</li>
 * <li>the approvals with their final body ({@link BodyComposer}: the opt-out footer), the deferrals stored in
 * PostgreSQL, and the approvals and rejections produced in the same Kafka transaction as the input offsets.</li>
 * </ol>
 * When Redis is down or the index incomplete, or PostgreSQL cannot take a deferral, the batch waits (fail closed).
 */
@ApplicationScoped
public class RequestScreening implements BatchHandler<MessageRequested> {
    private static final Logger LOG = Logger.getLogger(RequestScreening.class);
    private static final Duration REDIS_TIMEOUT = Duration.ofSeconds(5);
    /** An opening this close is approved for then (dispatch waits for sendAfter) rather than deferred here. */
    private static final Duration DEFER_TOLERANCE = Duration.ofSeconds(1);
    static final String OPT_OUT_RULE = "suppression.opt-out";

    private final RuleChain rules;
    private final BodyComposer bodies;
    private final SuppressionIndex index;
    private final ConsentIndex consents;
    private final ReplyAllowances allowances;
    private final DeferralStore deferrals;
    private final Redis redis;
    private final DecisionMetrics metrics;
    private final ErasedSuppressionIndex erased;

    public RequestScreening(RuleChain rules, BodyComposer bodies, SuppressionIndex index, ConsentIndex consents,
            ReplyAllowances allowances, DeferralStore deferrals, Redis redis, DecisionMetrics metrics,
            ErasedSuppressionIndex erased) {
        this.metrics = metrics;
        this.erased = erased;
        this.rules = rules;
        this.bodies = bodies;
        this.index = index;
        this.consents = consents;
        this.allowances = allowances;
        this.deferrals = deferrals;
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
        // Erased numbers stay suppressed under their HMAC (docs/compliance.md, "Erasure").
        Supplier<Void> erasedLoaded = ErasedSuppressionIndex.requireLoaded(reads);
        List<Pending> pending = new ArrayList<>(batch.size());
        for (Received<MessageRequested> received : batch) {
            pending.add(screen(received, reads, now));
        }
        // Only a batch that reads consent waits for the consent index (TRANSACTIONAL goes on without it).
        Supplier<Void> consentComplete = pending.stream().anyMatch(p -> p.consent() != null)
                ? ConsentIndex.requireComplete(reads) : () -> null;
        reads.execute(redis, REDIS_TIMEOUT);
        complete.get();
        consentComplete.get();
        erasedLoaded.get();
        List<Output> outputs = new ArrayList<>(pending.size());
        List<Deferred> deferred = new ArrayList<>();
        RedisBatch allowed = new RedisBatch();
        for (int i = 0; i < pending.size(); i++) {
            Pending p = pending.get(i);
            SmsEvent outcome = p.decide(now, bodies, rules.consent());
            if (outcome != null) {
                metrics.decided(outcome);
                outputs.add(Output.event(outcome, Channels.SOURCE).causedBy(batch.get(i).record()));
                if (p.tookAllowance()) {
                    allowances.markAllowed(allowed, p.screened().request().messageId());
                }
            } else {
                metrics.deferred();
                Decision.Defer defer = (Decision.Defer) p.rules();
                deferred.add(new Deferred(deferralId(p.screened().request(), defer.until()), defer.until(),
                        copy(p.record())));
                if (LOG.isDebugEnabled()) {
                    LOG.debugf("deferred %s to %s: %s", p.screened().request().messageId(),
                            p.screened().masked(), defer.detail());
                }
            }
        }
        if (allowed.size() > 0) {
            // Before the approvals are published: dispatch exempts from its last-mile check only what is marked.
            allowed.execute(redis, REDIS_TIMEOUT);
        }
        // Stored before the transaction commits the offsets: a crash in between defers the same id again (kept once).
        deferrals.deferAll(deferred);
        return outputs;
    }

    /** What the pure rules decide now; the rest reads in the batch's round trip. */
    private Pending screen(Received<MessageRequested> received, RedisBatch reads, Instant now) {
        MessageRequested request = received.event();
        Screened screened = Screened.of(request);
        Decision decision = rules.decide(screened, now);
        if (decision instanceof Decision.Reject reject) {
            return Pending.decided(screened, reject(request, reject.reason(), reject.detail(), reject.rule(), now));
        }
        RedisBatch.Reply<Boolean> allowance = request.category().isKeywordReply()
                ? allowances.take(reads, request.category(), request.recipient(), request.programId(),
                        request.messageId())
                : null;
        RedisBatch.Reply<Optional<String>> consent = rules.consent().required(screened)
                ? consents.activeConsent(reads, request.recipient(), request.programId()) : null;
        return new Pending(screened, received.record(), decision, null, allowance,
                erased.suppressingScope(reads, index, request.recipient(), request.programId()), consent);
    }

    /**
     * A request and what its decision waits for.
     *
     * @param rules the pure rules' decision: approve, or defer
     * @param consent the active consent record, read for the MARKETING that needs one; else null
     */
    private record Pending(Screened screened, ConsumerRecord<String, byte[]> record, Decision rules,
            SmsEvent outcome, RedisBatch.Reply<Boolean> allowance,
            RedisBatch.Reply<Optional<String>> suppressingScope, RedisBatch.Reply<Optional<String>> consent) {

        static Pending decided(Screened screened, SmsEvent outcome) {
            return new Pending(screened, null, null, outcome, null, null, null);
        }

        boolean tookAllowance() {
            return outcome == null && allowance != null && allowance.get();
        }

        /**
         * The outcome, or null when the message waits for its window. A keyword's one reply passes suppression with
         * the allowance inbound granted when the keyword arrived.
         */
        SmsEvent decide(Instant now, BodyComposer composer, ConsentRule consentRule) {
            if (outcome != null) {
                return outcome;
            }
            MessageRequested request = screened.request();
            if (!tookAllowance()) {
                Optional<String> scope = suppressingScope.get();
                if (scope.isPresent()) {
                    return reject(request, RejectionReason.OPTED_OUT, "opted out (" + scope.get() + ")", OPT_OUT_RULE,
                            now);
                }
            }
            String consentId = null;
            if (consent != null) {
                Optional<String> active = consent.get();
                if (consentRule.check(screened, active) instanceof Decision.Reject noConsent) {
                    return reject(request, noConsent.reason(), noConsent.detail(), noConsent.rule(), now);
                }
                consentId = active.get();
            }
            Instant sendAfter = request.notBefore() != null && request.notBefore().isAfter(now) ? request.notBefore()
                    : now;
            if (rules instanceof Decision.Defer defer) {
                if (Duration.between(now, defer.until()).compareTo(DEFER_TOLERANCE) > 0) {
                    return null;
                }
                sendAfter = defer.until();
            }
            return approve(screened, sendAfter, now, composer, consentId);
        }
    }

    private static MessageApproved approve(Screened screened, Instant sendAfter, Instant now, BodyComposer composer,
            String consentId) {
        MessageRequested request = screened.request();
        BodyComposer.Composed body = composer.compose(request, screened.number().region());
        if (LOG.isDebugEnabled()) {
            LOG.debugf("approved %s to %s%s", request.messageId(), screened.masked(),
                    body.footerAdded() ? " with its opt-out footer" : "");
        }
        return new MessageApproved(request, body.body(), body.encoding().encoding(), body.encoding().segments(),
                body.footerAdded(), sendAfter, now, body.changes(), consentId);
    }

    static MessageRejected reject(MessageRequested request, RejectionReason reason, String detail, String rule,
            Instant now) {
        if (LOG.isDebugEnabled()) {
            LOG.debugf("rejected %s to %s: %s (%s)", request.messageId(), PhoneNumbers.mask(request.recipient()),
                    reason, rule);
        }
        return MessageRejected.of(request, reason, detail, Channels.SOURCE, now, rule);
    }

    /** One id per message and opening: a redelivery stores it once; a release deferred again waits as a new row. */
    static String deferralId(MessageRequested request, Instant until) {
        return "quiet-hours:" + request.messageId() + ":" + until.toEpochMilli();
    }

    /** The input record as it came (its bytes and CloudEvents headers), to produce again at the opening. */
    private static Output copy(ConsumerRecord<String, byte[]> record) {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.remove(DeferralReleaser.RELEASED_AT);
        return new Output(record.topic(), record.key(), record.value(), headers);
    }
}
