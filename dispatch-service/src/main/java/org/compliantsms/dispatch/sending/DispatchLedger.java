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
 * One atomic call either finds the recorded outcome (a redelivery: not sent again, its outcome event is
 * re-published with the same CloudEvents id) or claims the message for a short lease; the outcome is then recorded
 * for {@link #OUTCOME_TTL}. If an instance dies between the carrier's answer and the record, the lease expires and
 * the message is submitted again: that window (one Redis round trip) is the residual at-least-once risk.
 */
@ApplicationScoped
public class DispatchLedger {
    static final String PREFIX = "sms:dispatch:";
    static final Duration CLAIM_LEASE = Duration.ofSeconds(60);
    static final Duration OUTCOME_TTL = Duration.ofDays(30);

    /**
     * Claims when free, or when this instance already holds the claim (a retry); otherwise returns what is there:
     * a recorded outcome, or another instance's claim.
     */
    private static final String CLAIM = """
            local current = redis.call('GET', KEYS[1])
            if current == false or current == ARGV[1] then
              redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
              return 'CLAIMED'
            end
            return current
            """;
    private static final String CLAIMED = "CLAIMED";

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

    /**
     * The answer to a claim.
     *
     * @param claimed this instance may submit now
     * @param outcome what was already done with the message (a redelivery)
     */
    public record Claim(boolean claimed, Optional<Outcome> outcome) {
    }

    private final RedisAPI redis;
    private final String claimValue = "claimed:" + UUID.randomUUID();

    public DispatchLedger(RedisAPI redis) {
        this.redis = redis;
    }

    /** Claims the message, or tells its recorded outcome; neither means another instance holds it now. */
    public Uni<Claim> claim(String messageId) {
        return redis.eval(List.of(CLAIM, "1", PREFIX + messageId, claimValue, Long.toString(CLAIM_LEASE.toMillis())))
                .map(r -> CLAIMED.equals(r.toString()) ? new Claim(true, Optional.empty())
                        : new Claim(false, Outcome.decode(r.toString())));
    }

    public Uni<Void> record(String messageId, Outcome outcome) {
        return redis.set(List.of(PREFIX + messageId, outcome.encode(), "PX", Long.toString(OUTCOME_TTL.toMillis())))
                .replaceWithVoid();
    }
}
