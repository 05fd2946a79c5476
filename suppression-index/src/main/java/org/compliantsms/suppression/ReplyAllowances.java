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
 * arrives, naming the message id of that reply; compliance takes it when that very message is screened (a
 * CONFIRMATION or HELP with another id, a campaign's say, cannot take it), so that reply passes suppression exactly
 * once within {@link #REPLY_WINDOW}. Keys {@code sms:reply-allowance:<category>:<program>:<E.164>}, value the
 * reply's message id.
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

    /** The message id of the confirmation a keyword consent change earns. */
    public static String confirmationId(String consentEventId) {
        return "confirm-" + consentEventId;
    }

    /** @param replyMessageId the message id of the one reply this allows */
    public Uni<Void> allow(Category category, String recipient, String programId, String replyMessageId) {
        return redis.set(List.of(key(category, recipient, programId), replyMessageId, "PX",
                Long.toString(REPLY_WINDOW.toMillis()))).replaceWithVoid();
    }

    /** {@link #allow(Category, String, String, String)} added to a pipelined batch. */
    public void allow(RedisBatch batch, Category category, String recipient, String programId, String replyMessageId) {
        batch.add(Request.cmd(Command.SET).arg(key(category, recipient, programId)).arg(replyMessageId).arg("PX")
                .arg(REPLY_WINDOW.toMillis()), r -> null);
    }

    /**
     * Takes the allowance for the reply {@code messageId}, in a pipelined batch: true exactly once per allowance,
     * false when there is none (left) or it names another message (atomic: deleted only while it names this one).
     * If the batch's outcome is then not published (a failure), the allowance is gone and the reply will be
     * rejected: the safe side of a rare failure.
     */
    public RedisBatch.Reply<Boolean> take(RedisBatch batch, Category category, String recipient, String programId,
            String messageId) {
        return batch.add(RedisScripts.deleteIfEquals(key(category, recipient, programId), messageId),
                r -> r.toInteger() == 1);
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
