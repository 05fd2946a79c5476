package org.compliantsms.campaign.requests;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.campaign.Channels;
import org.compliantsms.campaign.emission.EmissionConfig;
import org.compliantsms.campaign.emission.EmissionStore.Emission;
import org.compliantsms.campaign.emission.EmissionStore.Pending;
import org.compliantsms.events.EventMessages;
import org.compliantsms.events.MessageRequested;
import org.eclipse.microprofile.reactive.messaging.Channel;

import io.smallrye.mutiny.Multi;
import io.smallrye.reactive.messaging.MutinyEmitter;

/** One message-requested event per campaign message, keyed by recipient; returns once Kafka acknowledged all. */
@ApplicationScoped
public class MessageRequestPublisher {
    /** Above the producer's delivery timeout: a send that fails is reported by Kafka before this. */
    private static final Duration ACKNOWLEDGED_WITHIN = Duration.ofSeconds(150);

    private final MutinyEmitter<MessageRequested> requests;
    private final int inFlight;

    public MessageRequestPublisher(@Channel(Channels.REQUESTS) MutinyEmitter<MessageRequested> requests,
            EmissionConfig config) {
        this.requests = requests;
        this.inFlight = config.inFlight();
    }

    /** Blocks until every message is acknowledged; throws when one is not. */
    public void publish(Emission campaign, List<Pending> messages) {
        Instant now = Instant.now();
        Multi.createFrom().iterable(messages)
                .map(message -> new MessageRequested(message.messageId(), campaign.programId(),
                        campaign.id().toString(), campaign.category(), message.recipient(), campaign.body(),
                        campaign.senderId(), message.locale() != null ? message.locale() : campaign.locale(),
                        campaign.notBefore(), campaign.validUntil(), now))
                .onItem().transformToUni(request -> requests.sendMessage(EventMessages.of(request))).merge(inFlight)
                .collect().last()
                .await().atMost(ACKNOWLEDGED_WITHIN);
    }
}
