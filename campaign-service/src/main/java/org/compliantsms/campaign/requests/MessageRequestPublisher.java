package org.compliantsms.campaign.requests;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.campaign.Channels;
import org.compliantsms.campaign.emission.EmissionConfig;
import org.compliantsms.campaign.emission.EmissionStore.Emission;
import org.compliantsms.campaign.emission.EmissionStore.Pending;
import org.compliantsms.campaign.templates.MissingFieldException;
import org.compliantsms.campaign.templates.Template;
import org.compliantsms.events.EventMessages;
import org.compliantsms.events.MessageRequested;
import org.eclipse.microprofile.reactive.messaging.Channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Multi;
import io.smallrye.reactive.messaging.MutinyEmitter;

/** One message-requested event per campaign message, keyed by recipient; returns once Kafka acknowledged all. */
@ApplicationScoped
public class MessageRequestPublisher {
    /** Above the producer's delivery timeout: a send that fails is reported by Kafka before this. */
    private static final Duration ACKNOWLEDGED_WITHIN = Duration.ofSeconds(150);

    private final MutinyEmitter<MessageRequested> requests;
    private final int inFlight;
    private final ObjectMapper json;

    /** Where the messages whose template cannot be filled go instead of Kafka. */
    public interface Unrendered {
        void reject(UUID campaignId, List<Pending> messages, List<String> details);
    }

    public MessageRequestPublisher(@Channel(Channels.REQUESTS) MutinyEmitter<MessageRequested> requests,
            EmissionConfig config, ObjectMapper json) {
        this.requests = requests;
        this.json = json;
        this.inFlight = config.inFlight();
    }

    /**
     * Blocks until every message is acknowledged; throws when one is not.
     *
     * @param now the emitter's clock when it released these messages: their requestedAt
     */
    public void publish(Emission campaign, List<Pending> messages, Unrendered rejected, Instant now) {
        Template template = Template.parse(campaign.body());
        List<MessageRequested> rendered = new ArrayList<>(messages.size());
        List<Pending> unrendered = new ArrayList<>();
        List<String> why = new ArrayList<>();
        for (Pending message : messages) {
            String body;
            try {
                // Inline recipients have no fields: only placeholders with a fallback passed their checks.
                body = template.hasPlaceholders() ? template.render(fields(message)) : campaign.body();
            } catch (MissingFieldException e) {
                unrendered.add(message);
                why.add(e.getMessage());
                continue;
            }
            rendered.add(new MessageRequested(message.messageId(), campaign.programId(), campaign.id().toString(),
                    campaign.category(), message.recipient(), body, campaign.senderId(),
                    message.locale() != null ? message.locale() : campaign.locale(), campaign.notBefore(),
                    campaign.validUntil(), now));
        }
        if (!unrendered.isEmpty()) {
            rejected.reject(campaign.id(), unrendered, why);
        }
        if (rendered.isEmpty()) {
            return;
        }
        Multi.createFrom().iterable(rendered)
                .onItem().transformToUni(request -> requests.sendMessage(EventMessages.of(request))).merge(inFlight)
                .collect().last()
                .await().atMost(ACKNOWLEDGED_WITHIN);
    }

    private Map<String, String> fields(Pending message) {
        if (message.fields() == null) {
            return Map.of();
        }
        try {
            return json.readValue(message.fields(), FIELDS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("campaign message " + message.messageId() + ": unreadable fields", e);
        }
    }

    private static final TypeReference<Map<String, String>> FIELDS = new TypeReference<>() {
    };
}
