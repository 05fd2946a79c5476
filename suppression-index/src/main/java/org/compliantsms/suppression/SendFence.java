package org.compliantsms.suppression;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.events.SuppressionScope;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.RedisAPI;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * Closes the gap between dispatch's last suppression read and its submit. Dispatch counts itself in for a number
 * ({@code sms:inflight:<E.164>}) atomically with that read, and out once the carrier answered. An opt-out is
 * effective only after it is in the index AND the number's count is back to zero: a submit counted in before the
 * index write may still reach the carrier, but before the opt-out is declared effective; one counted in after it
 * reads the opt-out and sends nothing. Counts expire on their own ({@link #TTL}) if a dispatch replica dies
 * mid-submit.
 */
@ApplicationScoped
public class SendFence {
    static final String PREFIX = "sms:inflight:";
    /** Longer than any submit can stay unanswered (2 × the response timeout and some). */
    public static final Duration TTL = Duration.ofSeconds(30);
    private static final Duration FIRST_POLL = Duration.ofMillis(2);
    private static final Duration MAX_POLL = Duration.ofMillis(50);
    private static final Logger LOG = Logger.getLogger(SendFence.class);

    private static final String ENTER_AND_READ = """
            redis.call('INCR', KEYS[1])
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            return redis.call('HMGET', KEYS[2], ARGV[1], ARGV[2])
            """;
    private static final String LEAVE = """
            local left = redis.call('DECR', KEYS[1])
            if left <= 0 then redis.call('DEL', KEYS[1]) end
            return left
            """;

    private final RedisAPI redis;

    public SendFence(RedisAPI redis) {
        this.redis = redis;
    }

    /**
     * Counts a submit in for this number and reads, in the same atomic step, the scope that suppresses it (the
     * program's or global), if any. Call {@link #leave} once the submit is over, whatever happened.
     */
    public RedisBatch.Reply<Optional<String>> enterAndRead(RedisBatch batch, String recipient, String programId) {
        String programScope = SuppressionScope.program(programId);
        return batch.add(Request.cmd(Command.EVAL).arg(ENTER_AND_READ).arg(2).arg(PREFIX + recipient)
                .arg(SuppressionIndex.key(recipient)).arg(programScope).arg(SuppressionScope.GLOBAL)
                .arg(TTL.toMillis()), values -> SuppressionIndex.scopeOf(values, programScope));
    }

    public void leave(RedisBatch batch, String recipient) {
        batch.add(Request.cmd(Command.EVAL).arg(LEAVE).arg(1).arg(PREFIX + recipient), r -> null);
    }

    /**
     * Completes once no submit to this number is in flight (true), or with false when one is still counted in after
     * {@code timeout} (a dispatch replica died mid-submit: its count expires with {@link #TTL}).
     */
    public Uni<Boolean> drained(String recipient, Duration timeout) {
        return redis.get(PREFIX + recipient)
                .map(count -> {
                    if (inFlight(count)) {
                        throw new StillInFlight();
                    }
                    return true;
                })
                .onFailure(StillInFlight.class).retry().withBackOff(FIRST_POLL, MAX_POLL).expireIn(timeout.toMillis())
                .onFailure(StillInFlight.class).recoverWithItem(() -> {
                    LOG.warnf("a submit is still counted in for a number after %s; going on", timeout);
                    return false;
                });
    }

    /** {@link #drained(String, Duration)} for many numbers; blocking, for consumer threads. */
    public boolean awaitDrained(List<String> recipients, Duration timeout) {
        if (recipients.isEmpty()) {
            return true;
        }
        return Uni.join().all(recipients.stream().distinct().map(r -> drained(r, timeout)).toList()).andFailFast()
                .map(all -> all.stream().allMatch(Boolean::booleanValue))
                .await().atMost(timeout.plusSeconds(5));
    }

    private static boolean inFlight(Response count) {
        return count != null && count.toLong() > 0;
    }

    private static final class StillInFlight extends RuntimeException {
        StillInFlight() {
            super("a submit is in flight", null, false, false);
        }
    }
}
