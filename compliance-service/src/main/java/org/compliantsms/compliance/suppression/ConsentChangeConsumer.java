package org.compliantsms.compliance.suppression;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.compliance.Channels;
import org.compliantsms.events.ConsentChanged;
import org.compliantsms.events.EventCodec;
import org.compliantsms.events.EventMessages;
import org.compliantsms.events.PhoneNumbers;
import org.compliantsms.events.SuppressionScope;
import org.compliantsms.events.SuppressionState;
import org.compliantsms.suppression.SuppressionIndex;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * Turns each consent change into suppression state: writes the Redis index (the second, idempotent writer
 * after inbound's fast path) and publishes the state to the compacted sms.suppression.v1 topic, the source of
 * truth the index can be rebuilt from.
 */
@ApplicationScoped
public class ConsentChangeConsumer {
    private static final Logger LOG = Logger.getLogger(ConsentChangeConsumer.class);

    private final SuppressionIndex index;
    private final MutinyEmitter<SuppressionState> suppression;

    public ConsentChangeConsumer(SuppressionIndex index,
            @Channel(Channels.SUPPRESSION) MutinyEmitter<SuppressionState> suppression) {
        this.index = index;
        this.suppression = suppression;
    }

    @Incoming(Channels.CONSENT_CHANGES)
    public Uni<Void> apply(byte[] payload) {
        return Uni.createFrom().item(() -> EventCodec.decode(payload, ConsentChanged.class))
                .chain(change -> switch (change.action()) {
                    case OPT_OUT, OPT_OUT_ALL -> record(change, true);
                    case OPT_IN -> record(change, false);
                    // Marketing consent records are kept by the consent ledger, not by the suppression index.
                    case CONSENT_GRANTED -> Uni.createFrom().voidItem();
                });
    }

    private Uni<Void> record(ConsentChanged change, boolean suppressed) {
        String scope = SuppressionScope.of(change.action(), change.programId());
        SuppressionState state = new SuppressionState(scope, change.recipient(), suppressed, change.action(),
                change.source(), change.eventId(), change.occurredAt());
        return index.apply(state)
                .invoke(write -> LOG.debugf("%s %s in %s (index %s)", change.action(),
                        PhoneNumbers.mask(change.recipient()), scope, write.applied() ? "updated" : "already current"))
                .chain(() -> suppression.sendMessage(EventMessages.of(state)))
                .onFailure().invoke(e -> LOG.warnf("cannot apply consent change %s yet, retrying: %s",
                        change.eventId(), e.toString()))
                .onFailure().retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(5)).indefinitely();
    }
}
