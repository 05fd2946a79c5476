package org.compliantsms.dispatch.sending;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.RedisAPI;

/**
 * What dispatch did with each messageId, in Redis ({@code sms:dispatch:<messageId>}): the idempotency record that
 * keeps redeliveries, rebalances and restarts from sending one message twice.
 * <p>
 * An instance claims a message for a short lease before submitting it, then records the outcome for
 * {@link #OUTCOME_TTL}. A redelivered message with an outcome is not sent again; its outcome event is re-published
 * (same CloudEvents id, so consumers see a duplicate, not a second fact). If an instance dies between the carrier's
 * answer and the record, the lease expires and the message is submitted again: that window (one round trip) is
 * the residual at-least-once risk, measured and documented rather than hidden.
 */
@ApplicationScoped
public class DispatchLedger {
    static final String PREFIX = "sms:dispatch:";
    static final Duration CLAIM_LEASE = Duration.ofSeconds(60);
    static final Duration OUTCOME_TTL = Duration.ofDays(30);

    /** Claims when free, or when this instance already holds the claim (a retry). */
    private static final String CLAIM = """
            local current = redis.call('GET', KEYS[1])
            if current == false or current == ARGV[1] then
              redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
              return 1
            end
            return 0
            """;

    public enum State {
        SUBMITTED, FAILED, BLOCKED
    }

    /** @param detail the carrier message id (SUBMITTED) or the error (FAILED, BLOCKED) */
    public record Outcome(State state, String carrier, String detail) {
        String encode() {
            return state + "|" + carrier + "|" + detail;
        }

        static Optional<Outcome> decode(String value) {
            String[] parts = value.split("\\|", 3);
            if (parts.length < 3) {
                return Optional.empty(); // a claim, not an outcome
            }
            return Optional.of(new Outcome(State.valueOf(parts[0]), parts[1], parts[2]));
        }
    }

    private final RedisAPI redis;
    private final String claimValue = "claimed:" + UUID.randomUUID();

    public DispatchLedger(RedisAPI redis) {
        this.redis = redis;
    }

    public Uni<Optional<Outcome>> outcome(String messageId) {
        return redis.get(PREFIX + messageId).map(r -> r == null ? Optional.empty() : Outcome.decode(r.toString()));
    }

    /** True when this instance may submit the message now. */
    public Uni<Boolean> claim(String messageId) {
        return redis.eval(List.of(CLAIM, "1", PREFIX + messageId, claimValue, Long.toString(CLAIM_LEASE.toMillis())))
                .map(r -> r.toInteger() == 1);
    }

    public Uni<Void> record(String messageId, Outcome outcome) {
        return redis.set(List.of(PREFIX + messageId, outcome.encode(), "PX", Long.toString(OUTCOME_TTL.toMillis())))
                .replaceWithVoid();
    }
}
