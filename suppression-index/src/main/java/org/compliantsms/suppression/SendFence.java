package org.compliantsms.suppression;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.events.SuppressionScope;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * Closes the gap between dispatch's last suppression read and its submit. Dispatch adds each submit to the
 * number's set ({@code sms:inflight:<E.164>}, member = the message id) before that read, in the same pipeline on
 * one connection, so Redis runs the two in that order; it removes it once the carrier answered. An opt-out is
 * effective only after it is in the index AND the number's set is gone: a submit added before the index write may
 * still reach the carrier, but before the opt-out is declared effective; one added after it reads the opt-out and
 * sends nothing. A set, not a counter: removing a member that is not there (after a Redis restart, say) changes
 * nothing, Redis deletes an empty set by itself, and no Lua is needed. Sets expire on their own ({@link #TTL}) if
 * a dispatch replica dies mid-submit.
 */
@ApplicationScoped
public class SendFence {
    static final String PREFIX = "sms:inflight:";
    /** Longer than any submit can stay unanswered (2 × the response timeout and some). */
    public static final Duration TTL = Duration.ofSeconds(30);
    private static final Duration FIRST_POLL = Duration.ofMillis(2);
    private static final Duration MAX_POLL = Duration.ofMillis(10);
    private static final Logger LOG = Logger.getLogger(SendFence.class);

    private final RedisAPI redis;
    private final Redis pipelines;

    public SendFence(RedisAPI redis, Redis pipelines) {
        this.redis = redis;
        this.pipelines = pipelines;
    }

    /**
     * Adds the submit of {@code messageId} to this number's set, then reads the scope that suppresses it (the
     * program's or global), if any. Call {@link #leave} once the submit is over, whatever happened.
     */
    public RedisBatch.Reply<Optional<String>> enterAndRead(RedisBatch batch, String recipient, String programId,
            String messageId) {
        String programScope = SuppressionScope.program(programId);
        String key = PREFIX + recipient;
        return batch.addInOrder(List.of(
                Request.cmd(Command.SADD).arg(key).arg(messageId),
                Request.cmd(Command.PEXPIRE).arg(key).arg(TTL.toMillis()),
                Request.cmd(Command.HMGET).arg(SuppressionIndex.key(recipient)).arg(programScope)
                        .arg(SuppressionScope.GLOBAL)),
                replies -> SuppressionIndex.scopeOf(replies.get(2), programScope));
    }

    public void leave(RedisBatch batch, String recipient, String messageId) {
        batch.add(Request.cmd(Command.SREM).arg(PREFIX + recipient).arg(messageId), r -> null);
    }

    /**
     * Completes once no submit to this number is in flight (true), or with false when one is still in its set after
     * {@code timeout} (a dispatch replica died mid-submit: its set expires with {@link #TTL}).
     */
    public Uni<Boolean> drained(String recipient, Duration timeout) {
        return redis.exists(List.of(PREFIX + recipient))
                .map(count -> {
                    if (inFlight(count)) {
                        throw new StillInFlight();
                    }
                    return true;
                })
                .onFailure(StillInFlight.class).retry().withBackOff(FIRST_POLL, MAX_POLL).expireIn(timeout.toMillis())
                // Mutiny ends expired retries with an IllegalStateException caused by the last StillInFlight.
                .onFailure(SendFence::stillInFlight).recoverWithItem(() -> {
                    LOG.warnf("a submit is still in flight to a number after %s; going on", timeout);
                    return false;
                });
    }

    /**
     * Runs the opt-outs' index writes, then completes once no submit to these numbers that read the index before
     * them is in flight (true; false when one still is after {@code timeout}). When writes and a first look at
     * every number fit one pipeline they go together, the looks after the writes (Redis runs a pipeline in order):
     * one round trip fewer on an opt-out's way to its answer. Otherwise the writes run first.
     */
    public Uni<Boolean> drainedAfter(RedisBatch writes, List<String> recipients, Duration timeout) {
        List<String> numbers = recipients.stream().distinct().toList();
        if (writes.size() + numbers.size() > RedisBatch.MAX_PIPELINE) {
            return Uni.createFrom().completionStage(() -> writes.start(pipelines))
                    .chain(() -> drainedAll(numbers, timeout));
        }
        List<RedisBatch.Reply<Boolean>> looks = numbers.stream()
                .map(n -> writes.add(Request.cmd(Command.EXISTS).arg(PREFIX + n), SendFence::inFlight)).toList();
        return Uni.createFrom().completionStage(() -> writes.start(pipelines)).chain(() -> {
            List<String> busy = new ArrayList<>();
            for (int i = 0; i < numbers.size(); i++) {
                if (looks.get(i).get()) {
                    busy.add(numbers.get(i));
                }
            }
            return drainedAll(busy, timeout);
        });
    }

    private Uni<Boolean> drainedAll(List<String> numbers, Duration timeout) {
        if (numbers.isEmpty()) {
            return Uni.createFrom().item(true);
        }
        return Uni.join().all(numbers.stream().map(n -> drained(n, timeout)).toList()).andFailFast()
                .map(all -> all.stream().allMatch(Boolean::booleanValue));
    }

    private static boolean stillInFlight(Throwable failure) {
        return failure instanceof StillInFlight || failure.getCause() instanceof StillInFlight;
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
