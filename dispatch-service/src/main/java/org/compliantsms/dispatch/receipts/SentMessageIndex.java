package org.compliantsms.dispatch.receipts;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.suppression.RedisBatch;

import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;

/**
 * Which message a carrier message id belongs to: {@code sms:carrier-id:<carrier>:<normalised id>} → the message
 * (id, recipient, program, campaign), for {@code dispatch.receipts.index-ttl}. Written in the same pipelined round
 * trip that records the submit's outcome, so it costs no round trip of its own. A message sent in several parts
 * has one key per part, all pointing to it.
 */
@ApplicationScoped
public class SentMessageIndex {
    static final String PREFIX = "sms:carrier-id:";

    private final long ttlSeconds;

    public SentMessageIndex(ReceiptConfig config) {
        this.ttlSeconds = Math.max(1, config.indexTtl().toSeconds());
    }

    /** Adds the writes for one message's carrier ids (one per submitted part) to the batch. */
    public void remember(RedisBatch writes, String carrier, List<String> carrierMessageIds, SentMessage message) {
        String value = message.encode();
        for (String id : carrierMessageIds) {
            if (id != null && !id.isBlank()) {
                writes.add(Request.cmd(Command.SET).arg(key(carrier, CarrierMessageIds.normalise(id))).arg(value)
                        .arg("EX").arg(ttlSeconds), r -> null);
            }
        }
    }

    /** Adds the read of one normalised id to the batch. */
    public RedisBatch.Reply<Optional<SentMessage>> find(RedisBatch reads, String carrier, String normalisedId) {
        return reads.add(Request.cmd(Command.GET).arg(key(carrier, normalisedId)),
                r -> r == null ? Optional.empty() : Optional.of(SentMessage.decode(r.toString())));
    }

    static String key(String carrier, String normalisedId) {
        return PREFIX + carrier + ":" + normalisedId;
    }
}
