package org.compliantsms.campaign.requests;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.campaign.Channels;
import org.compliantsms.campaign.campaigns.Campaign;
import org.compliantsms.campaign.campaigns.CampaignMessage;
import org.compliantsms.campaign.templates.Template;
import org.compliantsms.events.EventMessages;
import org.compliantsms.events.MessageRequested;
import org.eclipse.microprofile.reactive.messaging.Channel;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;

/** One message-requested event per campaign message, keyed by recipient, completed once Kafka acknowledged all. */
@ApplicationScoped
public class MessageRequestPublisher {
    /** Sends in flight at once: keeps the emitter's buffer from overflowing on large campaigns. */
    private static final int IN_FLIGHT = 128;

    private final MutinyEmitter<MessageRequested> requests;

    public MessageRequestPublisher(@Channel(Channels.REQUESTS) MutinyEmitter<MessageRequested> requests) {
        this.requests = requests;
    }

    /** @param recipients in campaign order: the position of each gives its message id */
    public Uni<Void> publish(Campaign campaign, List<String> recipients) {
        Instant now = Instant.now();
        // Inline recipients carry no fields: only placeholders with a fallback pass the checks, filled here.
        String body = Template.parse(campaign.body).render(Map.of());
        return Multi.createFrom().range(0, recipients.size())
                .map(i -> new MessageRequested(CampaignMessage.messageId(campaign.id, i), campaign.programId,
                        campaign.id.toString(), campaign.category, recipients.get(i), body, campaign.senderId,
                        campaign.locale, campaign.notBefore, campaign.validUntil, now))
                .onItem().transformToUni(request -> requests.sendMessage(EventMessages.of(request))).merge(IN_FLIGHT)
                .collect().last()
                .replaceWithVoid();
    }
}
