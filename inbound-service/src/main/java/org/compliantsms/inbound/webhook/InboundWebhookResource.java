package org.compliantsms.inbound.webhook;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.compliantsms.events.ConsentChanged;
import org.compliantsms.events.EventMessages;
import org.compliantsms.events.InboundReceived;
import org.compliantsms.events.PhoneNumbers;
import org.compliantsms.events.PhoneNumbers.InvalidNumberException;
import org.compliantsms.inbound.Channels;
import org.compliantsms.inbound.keywords.KeywordClassifier;
import org.compliantsms.inbound.optout.ConsentFastPath;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestForm;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * Replies posted by carriers. 200 means the reply is recorded (inbound-received acknowledged by Kafka) and any
 * opt-out it carries is durable and effective; on 503 nothing is promised and the carrier should retry (retries
 * with the same messageId are idempotent).
 */
@Path("/webhooks/inbound")
@Produces(MediaType.APPLICATION_JSON)
public class InboundWebhookResource {
    private static final Logger LOG = Logger.getLogger(InboundWebhookResource.class);
    private static final Pattern EVENT_ID = Pattern.compile("[!-~]{1,100}");

    private final KeywordClassifier classifier;
    private final ConsentFastPath fastPath;
    private final MutinyEmitter<InboundReceived> inbound;

    public InboundWebhookResource(KeywordClassifier classifier, ConsentFastPath fastPath,
            @Channel(Channels.INBOUND_OUT) MutinyEmitter<InboundReceived> inbound) {
        this.classifier = classifier;
        this.fastPath = fastPath;
        this.inbound = inbound;
    }

    /** JSON: {@code {"messageId", "from", "to", "text", "carrier", "receivedAt"}}; from, to and text required. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> receive(InboundWebhookRequest request) {
        if (request == null) {
            return Uni.createFrom().item(badRequest("a JSON body is required"));
        }
        return handle(request);
    }

    /** Form-encoded, Twilio-style field names: From, To, Body, MessageSid. */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> receiveForm(@RestForm("MessageSid") String messageSid, @RestForm("From") String from,
            @RestForm("To") String to, @RestForm("Body") String body) {
        return handle(new InboundWebhookRequest(messageSid, from, to, body, null, null));
    }

    private Uni<Response> handle(InboundWebhookRequest request) {
        if (blank(request.from()) || blank(request.to()) || request.text() == null) {
            return Uni.createFrom().item(badRequest("from, to and text are required"));
        }
        if (request.messageId() != null && !EVENT_ID.matcher(request.messageId()).matches()) {
            return Uni.createFrom().item(badRequest("messageId must be 1 to 100 printable ASCII characters"));
        }
        String from;
        try {
            from = PhoneNumbers.toE164(request.from(), null);
        } catch (InvalidNumberException e) {
            return Uni.createFrom().item(badRequest("from: " + e.getMessage()));
        }
        String id = request.messageId() != null ? request.messageId() : "wh-" + UUID.randomUUID();
        String carrier = blank(request.carrier()) ? "webhook" : request.carrier();
        Instant receivedAt = request.receivedAt() != null ? request.receivedAt() : Instant.now();
        InboundReceived reply = new InboundReceived(id, from, request.to().strip(), request.text(), carrier, receivedAt,
                classifier.classify(request.text()));

        return Uni.combine().all().unis(inbound.sendMessage(EventMessages.of(reply)), fastPath.apply(reply))
                .with((recorded, change) -> Response.ok(answer(reply, change)).build())
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("reply %s from %s not recorded: %s", id, PhoneNumbers.mask(from), e.toString());
                    return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                            .entity(Map.of("error", "not recorded, retry later")).build();
                });
    }

    private static Map<String, Object> answer(InboundReceived reply, Optional<ConsentChanged> change) {
        return change.<Map<String, Object>> map(c -> Map.of("inboundId", reply.inboundId(),
                "intent", reply.classification().intent(), "consentEventId", c.eventId(), "action", c.action(),
                "alreadyInEffect", c.alreadyInEffect()))
                .orElseGet(() -> Map.of("inboundId", reply.inboundId(), "intent", reply.classification().intent()));
    }

    private static Response badRequest(String error) {
        return Response.status(Response.Status.BAD_REQUEST).entity(Map.of("error", error)).build();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
