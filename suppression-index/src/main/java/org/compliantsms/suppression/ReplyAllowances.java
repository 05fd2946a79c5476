package org.compliantsms.suppression;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.events.Category;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.RedisAPI;
import io.vertx.mutiny.redis.client.Request;

/**
 * The one reply a keyword earns (the opt-out confirmation, the HELP answer): inbound grants it when the keyword
 * arrives, compliance takes it when the reply is screened, so that reply passes suppression exactly once within
 * {@link #REPLY_WINDOW}. Keys {@code sms:reply-allowance:<category>:<program>:<E.164>}.
 * <p>
 * Having taken it, compliance marks that one message as let through ({@code sms:reply-allowed:<messageId>}) before
 * it publishes the approval, and dispatch's last-mile suppression check exempts only messages so marked: a
 * CONFIRMATION or HELP that anyone else produced (or wrote straight to the approved topic) is checked like any other.
 */
@ApplicationScoped
public class ReplyAllowances {
    static final String PREFIX = "sms:reply-allowance:";
    static final String ALLOWED_PREFIX = "sms:reply-allowed:";
    /**
     * How long the mark of a let-through reply lasts: far beyond its validUntil ({@link #REPLY_WINDOW} after the
     * keyword), after which dispatch ends it EXPIRED whatever the mark says.
     */
    static final Duration ALLOWED_TTL = Duration.ofDays(1);

    /** How long after a keyword its one reply may be sent. */
    public static final Duration REPLY_WINDOW = Duration.ofMinutes(5);

    private final RedisAPI redis;

    public ReplyAllowances(RedisAPI redis) {
        this.redis = redis;
    }

    public Uni<Void> allow(Category category, String recipient, String programId, String causeEventId) {
        return redis.set(List.of(key(category, recipient, programId), causeEventId, "PX",
                Long.toString(REPLY_WINDOW.toMillis()))).replaceWithVoid();
    }

    /** {@link #allow(Category, String, String, String)} added to a pipelined batch. */
    public void allow(RedisBatch batch, Category category, String recipient, String programId, String causeEventId) {
        batch.add(Request.cmd(Command.SET).arg(key(category, recipient, programId)).arg(causeEventId).arg("PX")
                .arg(REPLY_WINDOW.toMillis()), r -> null);
    }

    /** Takes the allowance: true exactly once per allowance, false when there is none (left). */
    public Uni<Boolean> take(Category category, String recipient, String programId) {
        return redis.getdel(key(category, recipient, programId)).map(r -> r != null);
    }

    /**
     * {@link #take} in a pipelined batch. If the batch's outcome is then not published (a failure), the allowance is
     * gone and the reply will be rejected: the safe side of a rare failure.
     */
    public RedisBatch.Reply<Boolean> take(RedisBatch batch, Category category, String recipient, String programId) {
        return batch.add(Request.cmd(Command.GETDEL).arg(key(category, recipient, programId)), r -> r != null);
    }

    /** Marks the message that took an allowance as the reply dispatch lets past suppression. */
    public void markAllowed(RedisBatch batch, String messageId) {
        batch.add(Request.cmd(Command.SET).arg(ALLOWED_PREFIX + messageId).arg("1").arg("PX")
                .arg(ALLOWED_TTL.toMillis()), r -> null);
    }

    /** Whether compliance let this message past suppression with its keyword's allowance. */
    public RedisBatch.Reply<Boolean> allowed(RedisBatch batch, String messageId) {
        return batch.add(Request.cmd(Command.EXISTS).arg(ALLOWED_PREFIX + messageId), r -> r.toInteger() == 1);
    }

    static String key(Category category, String recipient, String programId) {
        return PREFIX + category + ":" + programId + ":" + recipient;
    }
}
