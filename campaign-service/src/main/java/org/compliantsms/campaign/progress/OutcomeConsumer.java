package org.compliantsms.campaign.progress;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.campaign.Channels;
import org.compliantsms.campaign.campaigns.CampaignStore;
import org.compliantsms.campaign.campaigns.MessageOutcome;
import org.compliantsms.events.EventCodec;
import org.compliantsms.events.MessageRejected;
import org.compliantsms.events.MessageStatus;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;

/** Campaign progress from the outcome topics: submissions, receipts and rejections of campaign messages. */
@ApplicationScoped
public class OutcomeConsumer {
    private final CampaignStore store;

    public OutcomeConsumer(CampaignStore store) {
        this.store = store;
    }

    @Incoming(Channels.STATUSES)
    public Uni<Void> onStatus(byte[] payload) {
        return Uni.createFrom().item(() -> EventCodec.decode(payload, MessageStatus.class))
                .chain(status -> status.campaignId() == null ? Uni.createFrom().voidItem()
                        : store.advance(status.messageId(), MessageOutcome.of(status.status()), null, status.error(),
                                status.occurredAt()).replaceWithVoid());
    }

    @Incoming(Channels.REJECTIONS)
    public Uni<Void> onRejection(byte[] payload) {
        return Uni.createFrom().item(() -> EventCodec.decode(payload, MessageRejected.class))
                .chain(rejection -> rejection.campaignId() == null ? Uni.createFrom().voidItem()
                        : store.advance(rejection.messageId(), MessageOutcome.REJECTED, rejection.reason().name(),
                                rejection.detail(), rejection.rejectedAt()).replaceWithVoid());
    }
}
