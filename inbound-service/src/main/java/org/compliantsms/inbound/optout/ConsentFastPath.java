package org.compliantsms.inbound.optout;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.events.Category;
import org.compliantsms.events.ConsentChanged;
import org.compliantsms.events.EventMessages;
import org.compliantsms.events.InboundReceived;
import org.compliantsms.inbound.Channels;
import org.compliantsms.suppression.RedisBatch;
import org.compliantsms.suppression.ReplyAllowances;
import org.compliantsms.suppression.SendFence;
import org.compliantsms.suppression.SuppressionIndex;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * The opt-out fast path of one reply (the webhook): a classified keyword becomes durable (consent-changed
 * acknowledged by Kafka) and effective (written to the suppression index dispatch reads, and no submit to the number
 * that read the index before the write still in flight: {@link SendFence}) before the caller answers the carrier. Compliance writes the same change to the index again when it consumes the event; both writes are
 * idempotent. {@link ConsentBatchFastPath} is the same path for a batch of replies.
 */
@ApplicationScoped
public class ConsentFastPath {
    private static final Logger LOG = Logger.getLogger(ConsentFastPath.class);

    private final ConsentDecider decider;
    private final SuppressionIndex index;
    private final ReplyAllowances allowances;
    private final SendFence fence;
    private final MutinyEmitter<ConsentChanged> consent;
    private final OptOutLatency latency;

    public ConsentFastPath(ConsentDecider decider, SuppressionIndex index, ReplyAllowances allowances,
            SendFence fence, @Channel(Channels.CONSENT_OUT) MutinyEmitter<ConsentChanged> consent,
            OptOutLatency latency) {
        this.decider = decider;
        this.index = index;
        this.allowances = allowances;
        this.fence = fence;
        this.consent = consent;
        this.latency = latency;
    }

    /**
     * Applies the consent change a classified reply asks for; empty when it asks for none, or when this very reply
     * was already applied (a carrier's retry).
     */
    public Uni<Optional<ConsentChanged>> apply(InboundReceived reply) {
        Optional<ConsentTarget> target = decider.target(reply);
        if (target.isEmpty()) {
            return none();
        }
        return index.entry(reply.from(), target.get().scope())
                .chain(current -> ConsentDecider.decide(reply, target.get(), current)
                        .map(this::makeDurableAndEffective)
                        .orElseGet(ConsentFastPath::none));
    }

    private Uni<Optional<ConsentChanged>> makeDurableAndEffective(ConsentDecision decision) {
        ConsentChanged change = decision.change();
        // The allowance exists before anything (this index write or compliance's) can suppress the confirmation.
        Uni<Void> allowConfirmation = decision.grantsConfirmation()
                ? allowances.allow(Category.CONFIRMATION, change.recipient(), decision.target().replyProgramId(),
                        ReplyAllowances.confirmationId(change.eventId()))
                : Uni.createFrom().voidItem();
        return allowConfirmation
                .chain(() -> consent.sendMessage(EventMessages.of(change)))
                .chain(() -> writeIndex(decision))
                .invoke(() -> {
                    latency.effective("webhook", change);
                    LOG.info(decision.summary());
                })
                .map(written -> Optional.of(change));
    }

    /**
     * An opt-out is effective only once no submit that read the index before this write can still reach the
     * carrier: the write and the first look at the number's submits in flight go in one pipeline.
     */
    private Uni<Boolean> writeIndex(ConsentDecision decision) {
        if (!decision.state().suppressed()) {
            return index.apply(decision.state()).replaceWith(true);
        }
        RedisBatch write = new RedisBatch();
        index.write(write, decision.state());
        return fence.drainedAfter(write, List.of(decision.change().recipient()), SendFence.TTL);
    }

    private static Uni<Optional<ConsentChanged>> none() {
        return Uni.createFrom().item(Optional.empty());
    }
}
