package org.compliantsms.compliance.lists;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.batch.Output;
import org.compliantsms.batch.OutputProducer;
import org.compliantsms.compliance.Channels;
import org.compliantsms.compliance.honour.HonourDeadlines;
import org.compliantsms.compliance.honour.HonourStore;
import org.compliantsms.compliance.honour.OptOutRecord;
import org.compliantsms.events.ConsentChanged;
import org.compliantsms.events.ConsentSource;
import org.compliantsms.events.SuppressionState;
import org.compliantsms.suppression.RedisBatch;
import org.compliantsms.suppression.SendFence;
import org.compliantsms.suppression.SuppressionIndex;

import io.vertx.mutiny.redis.client.Redis;

/**
 * Makes list changes durable and effective, as inbound's webhook fast path does for a keyword: the ConsentChanged
 * events acknowledged by Kafka, then the suppression index written with the index's own writer (last writer wins)
 * and, for opt-outs, no submit to the number that read the index before the write still in flight
 * ({@link SendFence}). Only then does the caller get its answer. Compliance's consumer of the events writes the
 * same changes again and publishes them to sms.suppression.v1; both writes are idempotent. Blocking: for worker
 * threads.
 */
@ApplicationScoped
public class SuppressionChanges {
    private static final Duration REDIS_TIMEOUT = Duration.ofSeconds(5);

    private final SuppressionIndex index;
    private final SendFence fence;
    private final Redis redis;
    private final OutputProducer producer;
    private final HonourStore honour;

    public SuppressionChanges(SuppressionIndex index, SendFence fence, Redis redis, OutputProducer producer,
            HonourStore honour) {
        this.index = index;
        this.fence = fence;
        this.redis = redis;
        this.producer = producer;
        this.honour = honour;
    }

    /** A change as applied. */
    public record Applied(ConsentChanged change, String scope, boolean alreadyInEffect, Instant receivedAt,
            Instant effectiveAt) {
    }

    /**
     * Applies the changes in order; returns once every one is durable and effective.
     *
     * @param source API or ADMIN for one change, IMPORT for a CSV import
     * @throws org.compliantsms.batch.RetryLaterException when Kafka does not acknowledge
     * @throws org.compliantsms.suppression.RedisUnavailableException when Redis does not answer
     */
    public List<Applied> apply(List<ListChange> changes, ConsentSource source, String actor) {
        if (changes.isEmpty()) {
            return List.of();
        }
        Instant received = Instant.now();
        RedisBatch reads = new RedisBatch();
        List<RedisBatch.Reply<Optional<SuppressionIndex.Entry>>> current = new ArrayList<>();
        for (ListChange change : changes) {
            current.add(index.entry(reads, change.number(), change.scope()));
        }
        reads.execute(redis, REDIS_TIMEOUT);

        String prefix = source == ConsentSource.IMPORT ? "import-" : "api-";
        List<ConsentChanged> events = new ArrayList<>(changes.size());
        List<OptOutRecord> optOuts = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            ListChange change = changes.get(i);
            boolean wasSuppressed = current.get(i).get().map(SuppressionIndex.Entry::suppressed).orElse(false);
            ConsentChanged event = new ConsentChanged(prefix + UUID.randomUUID(), change.action(), change.number(),
                    change.programId(), source, null, null, evidence(change, actor), null,
                    wasSuppressed == change.optOut(), received);
            events.add(event);
            // An opt-out that finds the number already opted out has nothing to honour.
            if (change.optOut() && !event.alreadyInEffect()) {
                optOuts.add(new OptOutRecord(event.eventId(), change.number(),
                        HonourDeadlines.countryOf(change.number()).orElse(null), change.programId(), change.scope(),
                        source.name(), change.channel() == null ? source.name() : change.channel(), actor,
                        change.requestedAt(), received, null));
            }
        }
        // Received first: an opt-out whose effect fails here is still reported (compliance's consumer of the event
        // records its effect later).
        honour.record(optOuts);
        producer.sendAll(events.stream().map(e -> Output.event(e, Channels.SOURCE)).toList());

        RedisBatch writes = new RedisBatch();
        List<String> suppressed = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            ListChange change = changes.get(i);
            ConsentChanged event = events.get(i);
            index.write(writes, new SuppressionState(change.scope(), change.number(), change.optOut(), event.action(),
                    source, event.eventId(), event.occurredAt()));
            if (change.optOut()) {
                suppressed.add(change.number());
            }
        }
        fence.drainedAfter(writes, suppressed, SendFence.TTL).await().atMost(SendFence.TTL.plus(REDIS_TIMEOUT));
        Instant effective = Instant.now();
        honour.record(optOuts.stream().map(r -> r.effective(effective)).toList());

        List<Applied> applied = new ArrayList<>(changes.size());
        for (int i = 0; i < changes.size(); i++) {
            applied.add(new Applied(events.get(i), changes.get(i).scope(), events.get(i).alreadyInEffect(), received,
                    effective));
        }
        return applied;
    }

    private static String evidence(ListChange change, String actor) {
        StringBuilder text = new StringBuilder("recorded by ").append(actor);
        if (change.channel() != null) {
            text.append(" via ").append(change.channel());
        }
        if (change.requestedAt() != null) {
            text.append(", requested at ").append(change.requestedAt());
        }
        if (change.reason() != null) {
            text.append(": ").append(change.reason().length() > 200 ? change.reason().substring(0, 200) : change.reason());
        }
        return text.toString();
    }

}
