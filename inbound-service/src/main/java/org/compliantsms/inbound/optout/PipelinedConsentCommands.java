package org.compliantsms.inbound.optout;

import java.time.Instant;
import java.util.Optional;

import org.compliantsms.events.Category;
import org.compliantsms.suppression.RedisBatch;
import org.compliantsms.suppression.ReplyAllowances;
import org.compliantsms.suppression.SuppressionIndex;

import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;

/**
 * The pipelined forms of {@link SuppressionIndex#entry(String, String)} and {@link ReplyAllowances#allow}, which
 * the suppression-index library offers only one command at a time. Keys and values are the library's
 * (PipelinedConsentCommandsIT proves both against it); they belong there, and move there when it offers them.
 */
final class PipelinedConsentCommands {
    private static final String INDEX_KEY_PREFIX = "sms:suppression:";
    private static final String ALLOWANCE_KEY_PREFIX = "sms:reply-allowance:";

    private PipelinedConsentCommands() {
    }

    /** What the index holds for this number in this scope, if anything. */
    static RedisBatch.Reply<Optional<SuppressionIndex.Entry>> entry(RedisBatch batch, String recipient, String scope) {
        return batch.add(Request.cmd(Command.HGET).arg(INDEX_KEY_PREFIX + recipient).arg(scope),
                value -> Optional.ofNullable(value).map(v -> parseEntry(v.toString())));
    }

    /** Grants the one reply of this category to this number under this program, for the reply window. */
    static void allow(RedisBatch batch, Category category, String recipient, String programId, String causeEventId) {
        batch.add(Request.cmd(Command.SET).arg(ALLOWANCE_KEY_PREFIX + category + ":" + programId + ":" + recipient)
                .arg(causeEventId).arg("PX").arg(ReplyAllowances.REPLY_WINDOW.toMillis()), reply -> null);
    }

    /** {@code <1|0>:<epoch millis>:<consent event id>} */
    private static SuppressionIndex.Entry parseEntry(String value) {
        String[] parts = value.split(":", 3);
        return new SuppressionIndex.Entry("1".equals(parts[0]), Instant.ofEpochMilli(Long.parseLong(parts[1])),
                parts[2]);
    }
}
