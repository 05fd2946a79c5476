package org.compliantsms.compliance.consent;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.suppression.RedisBatch;

import io.vertx.mutiny.redis.client.Redis;

/**
 * Records consent changes where they take effect: the ledger first (the evidence, kept once per eventId), then the
 * consent index (last-writer-wins, idempotent). The consent-changed consumer and the consent API both record
 * through here, so a change the API recorded and the consumer sees again changes nothing.
 */
@ApplicationScoped
public class ConsentRecorder {
    private static final Duration REDIS_TIMEOUT = Duration.ofSeconds(5);

    private final ConsentLedger ledger;
    private final ConsentIndex index;
    private final Redis redis;

    public ConsentRecorder(ConsentLedger ledger, ConsentIndex index, Redis redis) {
        this.ledger = ledger;
        this.index = index;
        this.redis = redis;
    }

    /**
     * Writes the ledger rows now and adds their index writes to {@code writes}, which the caller runs. The changes of
     * a number from before its erasure are neither in the ledger nor indexed.
     */
    public void record(List<ConsentRecord> records, RedisBatch writes) {
        for (ConsentRecord record : ledger.record(records)) {
            ConsentIndex.Entry.of(record.toChange()).ifPresent(entry -> index.write(writes, entry));
        }
    }

    /** {@link #record(List, RedisBatch)}, the index written before it returns. */
    public void record(List<ConsentRecord> records) {
        RedisBatch writes = new RedisBatch();
        record(records, writes);
        writes.execute(redis, REDIS_TIMEOUT);
    }
}
