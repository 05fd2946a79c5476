package org.compliantsms.compliance.erasure;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import org.compliantsms.suppression.erased.NumberHmac;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.compliantsms.batch.Output;
import org.compliantsms.batch.OutputProducer;
import org.compliantsms.events.PhoneNumbers;
import org.compliantsms.events.Topics;
import org.compliantsms.suppression.SuppressionIndex;
import org.jboss.logging.Logger;

/**
 * Erases a person (GDPR art. 17) while keeping them suppressed, in an order that never lets them become sendable
 * and that a retry completes:
 * <ol>
 * <li>the scopes the suppression index holds as suppressed are kept under the number's HMAC ({@link ErasedSuppressions},
 * PostgreSQL then Redis), which the screening checks with every lookup;</li>
 * <li>the erasure is recorded (HMAC, time, actor, reason): from then on the timeline drops any replayed fact of the
 * number that happened before it;</li>
 * <li>every {@link PersonalDataEraser} removes the number's rows (the timeline; the consent ledger when it
 * implements the interface);</li>
 * <li>the index's entry in clear is removed, and each of its scopes gets a tombstone on the compacted
 * sms.suppression.v1, which Kafka's compaction then removes with the records it replaces.</li>
 * </ol>
 */
@ApplicationScoped
public class Erasure {
    private static final Logger LOG = Logger.getLogger(Erasure.class);
    private static final Duration REDIS_TIMEOUT = Duration.ofSeconds(5);

    private final NumberHmac hmac;
    private final SuppressionIndex index;
    private final ErasedSuppressions erasedSuppressions;
    private final ErasureRecords records;
    private final Instance<PersonalDataEraser> erasers;
    private final OutputProducer producer;
    private final ErasureMetrics metrics;

    public Erasure(NumberHmac hmac, SuppressionIndex index, ErasedSuppressions erasedSuppressions,
            ErasureRecords records, @Any Instance<PersonalDataEraser> erasers, OutputProducer producer,
            ErasureMetrics metrics) {
        this.hmac = hmac;
        this.index = index;
        this.erasedSuppressions = erasedSuppressions;
        this.records = records;
        this.erasers = erasers;
        this.producer = producer;
        this.metrics = metrics;
    }

    public Erased erase(String e164, String actor, String reason) {
        Instant now = Instant.now();
        String numberHmac = hmac.of(e164);
        Map<String, SuppressionIndex.Entry> entries = index.entries(e164).await().atMost(REDIS_TIMEOUT);
        List<ErasedSuppressions.Scope> suppressed = new ArrayList<>();
        entries.forEach((scope, entry) -> {
            if (entry.suppressed()) {
                suppressed.add(new ErasedSuppressions.Scope(scope, entry.since(), entry.eventId()));
            }
        });
        erasedSuppressions.keep(numberHmac, suppressed);
        List<String> scopes = suppressed.stream().map(ErasedSuppressions.Scope::scope).toList();
        long id = records.begin(numberHmac, now, actor, reason, String.join(",", scopes));

        Map<String, Integer> removed = new LinkedHashMap<>();
        for (PersonalDataEraser eraser : erasers) {
            removed.put(eraser.store(), eraser.erase(e164));
        }
        index.forget(e164).await().atMost(REDIS_TIMEOUT);
        removed.put("suppression-index", entries.size());
        List<Output> tombstones = new ArrayList<>();
        for (String scope : entries.keySet()) {
            tombstones.add(new Output(Topics.SUPPRESSION, scope + ":" + e164, null, new RecordHeaders()));
        }
        producer.sendAll(tombstones);
        String summary = removed.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
        records.removed(id, summary);
        metrics.erased();
        LOG.infof("erased %s (erasure %d by %s): removed %s; still suppressed: %s", PhoneNumbers.mask(e164), id,
                actor, summary, scopes.isEmpty() ? "nothing" : String.join(",", scopes));
        return new Erased(id, numberHmac, now, removed, scopes, tombstones.size());
    }

    /**
     * What an erasure did.
     *
     * @param removed rows or entries removed per store
     * @param stillSuppressed the scopes kept suppressed under the HMAC
     * @param tombstones records written to sms.suppression.v1 to have compaction remove the number from it
     */
    public record Erased(long erasureId, String numberHmac, Instant erasedAt, Map<String, Integer> removed,
            List<String> stillSuppressed, int tombstones) {
    }
}
