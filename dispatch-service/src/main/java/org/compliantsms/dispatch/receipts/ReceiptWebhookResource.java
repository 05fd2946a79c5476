package org.compliantsms.dispatch.receipts;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.compliantsms.dispatch.carrier.CarrierConfig.Type;
import org.compliantsms.dispatch.carrier.CarrierSettings;
import org.compliantsms.dispatch.carrier.Carriers;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Delivery receipts of an HTTP carrier, posted by the carrier: one JSON receipt per request,
 * {@code {"id": "<the id it answered the submit with>", "status": "DELIVRD", "error": "000"}}, signed with the
 * carrier's {@code http.webhook-secret} (HMAC, {@link WebhookSignature}). It goes the way of SMPP receipts
 * ({@link ReceiptBatcher}: correlated through the carrier-id index, one final status per message, unmatched ones
 * refused during {@code dispatch.receipts.unmatched-grace} and then kept for review), and is answered 200 only once
 * that is done, 503 when Redis or Kafka failed or it matches no message yet (the carrier sends it again). The status is a receipt's stat word or its full form (DELIVRD, DELIVERED, UNDELIV, UNDELIVERABLE,
 * EXPIRED, REJECTD, REJECTED, DELETED, UNKNOWN, ENROUTE, ACCEPTD).
 */
@Path("/carriers/{carrier}/receipts")
@PermitAll
public class ReceiptWebhookResource {
    private static final Logger LOG = Logger.getLogger(ReceiptWebhookResource.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Carriers carriers;
    private final ReceiptBatcher batcher;

    public ReceiptWebhookResource(Carriers carriers, ReceiptBatcher batcher) {
        this.carriers = carriers;
        this.batcher = batcher;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @SecurityRequirements
    @Operation(summary = "A delivery receipt from an HTTP carrier (signed with the carrier's webhook secret)")
    @RequestBody(description = "{\"id\": \"<carrier message id>\", \"status\": \"DELIVRD\", \"error\": \"000\"}")
    @APIResponse(responseCode = "200", description = "handled: published, a duplicate, or kept for review")
    @APIResponse(responseCode = "400", description = "not a JSON object")
    @APIResponse(responseCode = "401", description = "signature missing, wrong or outside the replay window")
    @APIResponse(responseCode = "404", description = "no HTTP carrier of that name")
    @APIResponse(responseCode = "503",
            description = "not handled now (Redis or Kafka, or no message matches it yet): send it again")
    public CompletionStage<Response> receive(@PathParam("carrier") String carrier,
            @HeaderParam(WebhookSignature.TIMESTAMP_HEADER) String timestamp,
            @HeaderParam(WebhookSignature.SIGNATURE_HEADER) String signature, byte[] body) {
        Optional<CarrierSettings> settings = carriers.settings(carrier).filter(s -> s.type() == Type.HTTP);
        if (settings.isEmpty()) {
            return answer(Response.Status.NOT_FOUND, "no HTTP carrier named " + carrier);
        }
        Optional<String> secret = settings.get().http().webhookSecret().filter(s -> !s.isBlank());
        if (secret.isEmpty()) {
            return answer(Response.Status.UNAUTHORIZED, "no webhook secret is configured for " + carrier);
        }
        Optional<String> refused = WebhookSignature.problem(secret.get(), body == null ? new byte[0] : body,
                timestamp, signature, Instant.now());
        if (refused.isPresent()) {
            LOG.warnf("receipt webhook of %s refused: %s", carrier, refused.get());
            return answer(Response.Status.UNAUTHORIZED, refused.get());
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (java.io.IOException e) {
            json = null;
        }
        if (json == null || !json.isObject()) {
            return answer(Response.Status.BAD_REQUEST, "a receipt is a JSON object {id, status, error}");
        }
        // Kept for review as the carrier sent it, less the numbers (the handset goes masked, on its own).
        String handset = json.hasNonNull("to") ? json.get("to").asText() : null;
        ObjectNode withoutNumbers = ((ObjectNode) json).deepCopy();
        withoutNumbers.remove(List.of("to", "from"));
        String text = withoutNumbers.toString();
        Receipt receipt = null;
        String problem = null;
        try {
            receipt = read(json, text);
        } catch (ReceiptFormatException e) {
            problem = e.getMessage();
        }
        CompletableFuture<Void> handled = batcher.submit(new IncomingReceipt(carrier, receipt, problem, text, handset,
                Instant.now(), false));
        return handled.handle((done, failure) -> failure == null
                ? Response.ok(Map.of("handled", true)).build()
                : Response.status(Response.Status.SERVICE_UNAVAILABLE)
                        .entity(Map.of("error", "not handled now, send it again")).build());
    }

    /** The receipt's id, state and error; the stat words of SMPP receipts, in either form. */
    static Receipt read(JsonNode json, String text) throws ReceiptFormatException {
        String id = json.hasNonNull("id") ? json.get("id").asText().strip() : "";
        String status = json.hasNonNull("status") ? json.get("status").asText().strip() : "";
        if (id.isEmpty() || status.isEmpty()) {
            throw new ReceiptFormatException("an HTTP receipt needs an id and a status: " + abbreviate(text));
        }
        String error = json.hasNonNull("error") ? json.get("error").asText().strip() : null;
        if (error != null && (error.isEmpty() || error.chars().allMatch(c -> c == '0'))) {
            error = null;
        }
        Optional<ReceiptState> state = ReceiptState.ofStat(status);
        return state.isPresent() ? new Receipt(id, state.get(), error, text)
                : new Receipt(id, ReceiptState.UNKNOWN, "stat " + status.toUpperCase(java.util.Locale.ROOT), text);
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }

    private static CompletionStage<Response> answer(Response.Status status, String error) {
        return CompletableFuture.completedFuture(Response.status(status).entity(Map.of("error", error))
                .type(MediaType.APPLICATION_JSON).build());
    }
}
