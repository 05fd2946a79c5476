package org.compliantsms.inbound.webhook;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import org.compliantsms.events.ConsentChanged;
import org.compliantsms.events.EventMessages;
import org.compliantsms.events.InboundReceived;
import org.compliantsms.events.InboundUnattributed;
import org.compliantsms.events.PhoneNumbers;
import org.compliantsms.events.PhoneNumbers.InvalidNumberException;
import org.compliantsms.inbound.Channels;
import org.compliantsms.inbound.keywords.KeywordClassifier;
import org.compliantsms.inbound.optout.ConsentFastPath;
import org.compliantsms.inbound.programs.ProgramDirectory;
import org.compliantsms.inbound.webhook.signature.CarrierAccount;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * One reply posted by a carrier, whatever the route and signature scheme. 200 means the reply is recorded
 * (inbound-received acknowledged by Kafka) and any opt-out it carries is durable and effective; 202 means the sender
 * is no number the platform can attribute and the reply is kept for review; on 503 nothing is promised and the
 * carrier should retry. A retry with the same messageId gets the first answer.
 */
@ApplicationScoped
public class WebhookReplies {
    private static final Logger LOG = Logger.getLogger(WebhookReplies.class);
    private static final Pattern MESSAGE_ID = Pattern.compile("[!-~]{1,100}");
    /** Our numbers, short codes and alphanumeric sender ids (GSM allows 11 characters for names). */
    private static final Pattern DESTINATION = Pattern.compile("\\+?[0-9A-Za-z][0-9A-Za-z .-]{0,19}");

    private final KeywordClassifier classifier;
    private final ConsentFastPath fastPath;
    private final ProgramDirectory programs;
    private final WebhookAnswers answers;
    private final MutinyEmitter<InboundReceived> inbound;
    private final MutinyEmitter<InboundUnattributed> unattributed;

    public WebhookReplies(KeywordClassifier classifier, ConsentFastPath fastPath, ProgramDirectory programs,
            WebhookAnswers answers, @Channel(Channels.INBOUND_OUT) MutinyEmitter<InboundReceived> inbound,
            @Channel(Channels.UNATTRIBUTED_OUT) MutinyEmitter<InboundUnattributed> unattributed) {
        this.classifier = classifier;
        this.fastPath = fastPath;
        this.programs = programs;
        this.answers = answers;
        this.inbound = inbound;
        this.unattributed = unattributed;
    }

    /** @param account the signed route's account; empty on the unsigned route (verification off) */
    public Uni<Response> receive(InboundWebhookRequest request, Optional<CarrierAccount> account) {
        Optional<String> invalid = invalid(request);
        if (invalid.isPresent()) {
            return Uni.createFrom().item(status(Response.Status.BAD_REQUEST, Map.of("error", invalid.get())));
        }
        String carrier = account.map(CarrierAccount::carrier)
                .orElse(blank(request.carrier()) ? "webhook" : request.carrier().strip());
        if (request.messageId() == null) {
            return handle(request, carrier, account, "wh-" + UUID.randomUUID());
        }
        return answers.first(carrier, request.messageId())
                .chain(first -> first.isPresent() ? Uni.createFrom().item(Response.ok(first.get()).build())
                        : handle(request, carrier, account, request.messageId()))
                .onFailure().recoverWithItem(WebhookReplies::notRecorded);
    }

    private Uni<Response> handle(InboundWebhookRequest request, String carrier, Optional<CarrierAccount> account,
            String id) {
        if (!programs.ready()) {
            // Its program could not be told yet: the carrier retries (the instance reports not ready meanwhile).
            return Uni.createFrom().item(notRecorded(null));
        }
        Instant receivedAt = Instant.now(); // the platform's clock; the carrier's claim is evidence only
        String from;
        try {
            from = PhoneNumbers.fromAnyForm(request.from(), account.flatMap(CarrierAccount::defaultRegion).orElse(null));
        } catch (InvalidNumberException e) {
            return keepForReview(new InboundUnattributed(id, request.from().strip(), null, null, request.to().strip(),
                    request.text(), carrier, receivedAt, e.getMessage()), request.messageId());
        }
        InboundReceived reply = new InboundReceived(id, from, request.to().strip(), request.text(), carrier,
                receivedAt, classifier.classify(request.text(), programs.programOf(request.to()).orElse(null)),
                request.receivedAt());
        return Uni.combine().all().unis(inbound.sendMessage(EventMessages.of(reply)), fastPath.apply(reply))
                .with((recorded, change) -> answer(reply, change))
                .call(answer -> remember(carrier, request.messageId(), answer))
                .map(answer -> Response.ok(answer).build())
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("reply %s from %s not recorded: %s", id, PhoneNumbers.mask(from), e.toString());
                    return notRecorded(e);
                });
    }

    /** A sender that is no number: kept (sms.inbound-unattributed.v1, then the review store), never refused. */
    private Uni<Response> keepForReview(InboundUnattributed reply, String messageId) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("inboundId", reply.inboundId());
        answer.put("review", "UNATTRIBUTED");
        answer.put("reason", reply.reason());
        return unattributed.sendMessage(EventMessages.of(reply))
                .call(() -> remember(reply.carrier(), messageId, answer))
                .map(done -> Response.accepted(answer).build())
                .onFailure().recoverWithItem(WebhookReplies::notRecorded);
    }

    private Uni<Void> remember(String carrier, String messageId, Map<String, Object> answer) {
        // Not keeping it costs a retry its identical answer, never the change itself: the reply is recorded.
        return messageId == null ? Uni.createFrom().voidItem()
                : answers.keep(carrier, messageId, answer).onFailure().invoke(e -> LOG.warnf(
                        "the answer to %s is not kept for retries: %s", messageId, e.toString()))
                        .onFailure().recoverWithNull();
    }

    private static Map<String, Object> answer(InboundReceived reply, Optional<ConsentChanged> change) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("inboundId", reply.inboundId());
        answer.put("intent", reply.classification().intent());
        change.ifPresent(c -> {
            answer.put("consentEventId", c.eventId());
            answer.put("action", c.action());
            answer.put("alreadyInEffect", c.alreadyInEffect());
        });
        return answer;
    }

    private static Optional<String> invalid(InboundWebhookRequest request) {
        if (request == null) {
            return Optional.of("a body is required");
        }
        if (blank(request.from()) || blank(request.to()) || request.text() == null) {
            return Optional.of("from, to and text are required");
        }
        if (request.messageId() != null && !MESSAGE_ID.matcher(request.messageId()).matches()) {
            return Optional.of("messageId must be 1 to 100 printable ASCII characters");
        }
        if (!DESTINATION.matcher(request.to().strip()).matches()) {
            return Optional.of("to must be one of our numbers, short codes or sender ids (up to 20 letters, digits)");
        }
        if (request.from().strip().length() > 40) {
            return Optional.of("from is longer than any phone number or sender id");
        }
        return Optional.empty();
    }

    private static Response notRecorded(Throwable e) {
        return status(Response.Status.SERVICE_UNAVAILABLE, Map.of("error", "not recorded, retry later"));
    }

    static Response status(Response.Status status, Map<String, Object> body) {
        return Response.status(status).entity(body).build();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
