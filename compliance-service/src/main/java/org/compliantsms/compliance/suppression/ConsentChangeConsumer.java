package org.compliantsms.compliance.suppression;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.batch.BatchHandler;
import org.compliantsms.batch.Output;
import org.compliantsms.batch.Received;
import org.compliantsms.compliance.Channels;
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
 * Turns consent changes into suppression state: writes the Redis index (the second, idempotent writer after
 * inbound's fast path; one pipelined round trip per batch) and publishes the state to the compacted
 * sms.suppression.v1 topic, the source of truth the index is rebuilt from.
 */
@ApplicationScoped
public class ConsentChangeConsumer implements BatchHandler<ConsentChanged> {
    private static final Duration REDIS_TIMEOUT = Duration.ofSeconds(5);

    private final SuppressionIndex index;
    private final Redis redis;
    private final HonourStore honour;

    public ConsentChangeConsumer(SuppressionIndex index, Redis redis, HonourStore honour) {
        this.index = index;
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

    @Override
    public List<Output> handle(List<Received<ConsentChanged>> batch) {
        RedisBatch writes = new RedisBatch();
        List<Output> outputs = new ArrayList<>();
        List<ConsentChanged> optOuts = new ArrayList<>();
        for (Received<ConsentChanged> received : batch) {
            ConsentChanged change = received.event();
            // Marketing consent records are kept by the consent ledger, not by the suppression index.
            if (change.action() == ConsentAction.CONSENT_GRANTED) {
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
}
