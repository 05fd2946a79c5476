package org.compliantsms.compliance.suppression;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.compliantsms.batch.BatchHandler;
import org.compliantsms.batch.Output;
import org.compliantsms.batch.Received;
import org.compliantsms.compliance.Channels;
import org.compliantsms.compliance.consent.ConsentRecord;
import org.compliantsms.compliance.consent.ConsentRecorder;
import org.compliantsms.compliance.honour.HonourRecords;
import org.compliantsms.compliance.honour.HonourStore;
import org.compliantsms.events.ConsentAction;
import org.compliantsms.events.ConsentChanged;
import org.compliantsms.events.SuppressionScope;
import org.compliantsms.events.SuppressionState;
import org.compliantsms.suppression.RedisBatch;
import org.compliantsms.suppression.SuppressionIndex;

import io.vertx.mutiny.redis.client.Redis;

/**
 * Records every consent change in the consent ledger and index ({@link ConsentRecorder}: keyed by eventId, so a
 * redelivery changes nothing), and turns opt-outs and opt-ins into suppression state: writes the Redis index (the
 * second, idempotent writer after inbound's fast path) and publishes the state to the compacted sms.suppression.v1
 * topic, the source of truth the index is rebuilt from. One PostgreSQL transaction and one pipelined Redis round
 * trip per batch.
 */
@ApplicationScoped
public class ConsentChangeConsumer implements BatchHandler<ConsentChanged> {
    private static final Duration REDIS_TIMEOUT = Duration.ofSeconds(5);

    private final SuppressionIndex index;
    private final ConsentRecorder consents;
    private final Redis redis;
    private final HonourStore honour;

    public ConsentChangeConsumer(SuppressionIndex index, ConsentRecorder consents, Redis redis, HonourStore honour) {
        this.index = index;
        this.consents = consents;
        this.redis = redis;
        this.honour = honour;
    }

    @Override
    public String name() {
        return Channels.CONSENT_CHANGES;
    }

    @Override
    public Class<ConsentChanged> eventType() {
        return ConsentChanged.class;
    }

    /** A malformed opt-out is never only a dead letter: {@link OptOutSalvage}. */
    @Override
    public Optional<ConsentChanged> salvage(ConsumerRecord<String, byte[]> record) {
        return OptOutSalvage.of(record);
    }

    @Override
    public List<Output> handle(List<Received<ConsentChanged>> batch) {
        RedisBatch writes = new RedisBatch();
        List<Output> outputs = new ArrayList<>();
        List<ConsentRecord> records = new ArrayList<>(batch.size());
        for (Received<ConsentChanged> received : batch) {
            records.add(ConsentRecord.of(received.event(), producer(received)));
        }
        consents.record(records, writes);
        List<ConsentChanged> optOuts = new ArrayList<>();
        for (Received<ConsentChanged> received : batch) {
            ConsentChanged change = received.event();
            // Marketing consent grants and revocations are the consent ledger's, not the suppression index's.
            if (change.action() == ConsentAction.CONSENT_GRANTED || change.action() == ConsentAction.CONSENT_REVOKED) {
                continue;
            }
            SuppressionState state = new SuppressionState(SuppressionScope.of(change.action(), change.programId()),
                    change.recipient(), SuppressionScope.suppresses(change.action()), change.action(), change.source(),
                    change.eventId(), change.occurredAt());
            index.write(writes, state);
            outputs.add(Output.event(state, Channels.SOURCE));
            if (state.suppressed() && !change.alreadyInEffect()) {
                optOuts.add(change);
            }
        }
        writes.execute(redis, REDIS_TIMEOUT);
        // Time to honour of every opt-out, whatever its channel: effective by now at the latest (inbound's fast path
        // or the list API may have written it earlier, and recorded so: the earliest effect is kept).
        honour.record(HonourRecords.effectiveBy(optOuts, Instant.now()));
        return outputs;
    }

    /** The CloudEvents source of the record: the ledger's actor of a change that names none. */
    private static String producer(Received<ConsentChanged> received) {
        Header source = received.record().headers().lastHeader("ce_source");
        return source == null || source.value() == null ? null : new String(source.value(), StandardCharsets.UTF_8);
    }
}
