package org.compliantsms.inbound.optout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.batch.Output;
import org.compliantsms.batch.OutputProducer;
import org.compliantsms.events.Category;
import org.compliantsms.events.InboundReceived;
import org.compliantsms.inbound.Channels;
import org.compliantsms.suppression.RedisBatch;
import org.compliantsms.suppression.ReplyAllowances;
import org.compliantsms.suppression.SendFence;
import org.compliantsms.suppression.SuppressionIndex;
import org.jboss.logging.Logger;

import io.vertx.mutiny.redis.client.Redis;

/**
 * The opt-out fast path for a batch of classified replies, with the guarantees of {@link ConsentFastPath} and
 * its order: one pipelined read of every index entry the batch concerns, the confirmation allowances, every
 * consent change durable (acknowledged by Kafka), then effective (one pipelined round trip of index writes). It
 * returns only once all of that is done, so the caller may then let the input offsets move. Blocking: for consumer
 * threads.
 * <p>
 * Handling the same batch again loses and doubles nothing: a reply whose change the index already holds (written
 * here or by compliance) is skipped; one that was published but not yet written is published again with the same
 * event id and content, which every consumer of sms.consent-changed.v1 treats as the same change.
 */
@ApplicationScoped
public class ConsentBatchFastPath {
    private static final Logger LOG = Logger.getLogger(ConsentBatchFastPath.class);
    private static final Duration REDIS_TIMEOUT = Duration.ofSeconds(5);

    private final ConsentDecider decider;
    private final SuppressionIndex index;
    private final ReplyAllowances allowances;
    private final SendFence fence;
    private final OutputProducer producer;
    private final Redis redis;
    private final OptOutLatency latency;

    public ConsentBatchFastPath(ConsentDecider decider, SuppressionIndex index, ReplyAllowances allowances,
            SendFence fence, OutputProducer producer, Redis redis, OptOutLatency latency) {
        this.decider = decider;
        this.index = index;
        this.allowances = allowances;
        this.fence = fence;
        this.producer = producer;
        this.redis = redis;
        this.latency = latency;
    }

    /** Applies the changes the replies ask for, in their order; returns the changes made. */
    public List<ConsentDecision> applyAll(List<InboundReceived> replies) {
        List<Targeted> targeted = new ArrayList<>();
        for (InboundReceived reply : replies) {
            decider.target(reply).ifPresent(target -> targeted.add(new Targeted(reply, target)));
        }
        if (targeted.isEmpty()) {
            return List.of();
        }
        List<ConsentDecision> decisions = decide(targeted, readEntries(targeted));
        if (decisions.isEmpty()) {
            return List.of();
        }
        grantConfirmations(decisions);
        producer.sendAll(decisions.stream().map(d -> Output.event(d.change(), Channels.SOURCE)).toList());
        // Effective only once no submit that read the index before these writes can still reach the carrier.
        writeIndexAndDrain(decisions);
        for (ConsentDecision d : decisions) {
            latency.effective("smpp", d.change());
            LOG.info(d.summary());
        }
        return decisions;
    }

    private Map<IndexKey, Optional<SuppressionIndex.Entry>> readEntries(List<Targeted> targeted) {
        RedisBatch reads = new RedisBatch();
        Map<IndexKey, RedisBatch.Reply<Optional<SuppressionIndex.Entry>>> replies = new HashMap<>();
        for (Targeted t : targeted) {
            replies.computeIfAbsent(t.key(), key -> index.entry(reads, key.recipient(), key.scope()));
        }
        reads.execute(redis, REDIS_TIMEOUT);
        Map<IndexKey, Optional<SuppressionIndex.Entry>> entries = new HashMap<>();
        replies.forEach((key, reply) -> entries.put(key, reply.get()));
        return entries;
    }

    /** In input order, each reply seeing what the earlier ones of the batch will have written. */
    private static List<ConsentDecision> decide(List<Targeted> targeted,
            Map<IndexKey, Optional<SuppressionIndex.Entry>> entries) {
        List<ConsentDecision> decisions = new ArrayList<>();
        for (Targeted t : targeted) {
            Optional<SuppressionIndex.Entry> current = entries.get(t.key());
            ConsentDecider.decide(t.reply(), t.target(), current).ifPresent(decision -> {
                decisions.add(decision);
                entries.put(t.key(), Optional.of(newer(current, decision.entry())));
            });
        }
        return decisions;
    }

    /** The index's last-writer-wins rule: the later change wins, ties broken by event id. */
    private static SuppressionIndex.Entry newer(Optional<SuppressionIndex.Entry> current,
            SuppressionIndex.Entry written) {
        if (current.isEmpty()) {
            return written;
        }
        int byTime = current.get().since().compareTo(written.since());
        boolean currentWins = byTime > 0 || (byTime == 0 && current.get().eventId().compareTo(written.eventId()) >= 0);
        return currentWins ? current.get() : written;
    }

    /**
     * Before the changes are published: once one is on Kafka, compliance may write it to the index and screen its
     * confirmation at any moment, and after a crash here the retry finds the change applied and grants nothing.
     */
    private void grantConfirmations(List<ConsentDecision> decisions) {
        RedisBatch grants = new RedisBatch();
        for (ConsentDecision d : decisions) {
            if (d.grantsConfirmation()) {
                allowances.allow(grants, Category.CONFIRMATION, d.change().recipient(),
                        d.target().replyProgramId(), ReplyAllowances.confirmationId(d.change().eventId()));
            }
        }
        grants.execute(redis, REDIS_TIMEOUT);
    }

    private void writeIndexAndDrain(List<ConsentDecision> decisions) {
        RedisBatch writes = new RedisBatch();
        decisions.forEach(d -> index.write(writes, d.state()));
        List<String> optedOut = decisions.stream().filter(d -> d.state().suppressed())
                .map(d -> d.change().recipient()).toList();
        fence.drainedAfter(writes, optedOut, SendFence.TTL).await().atMost(SendFence.TTL.plus(REDIS_TIMEOUT));
    }

    private record IndexKey(String recipient, String scope) {
    }

    private record Targeted(InboundReceived reply, ConsentTarget target) {
        IndexKey key() {
            return new IndexKey(reply.from(), target.scope());
        }
    }
}
