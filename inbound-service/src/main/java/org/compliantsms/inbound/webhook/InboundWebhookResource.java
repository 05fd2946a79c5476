package org.compliantsms.inbound.webhook;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.compliantsms.events.EventCodec;
import org.compliantsms.inbound.webhook.signature.CarrierAccount;
import org.compliantsms.inbound.webhook.signature.HmacSha256Signature;
import org.compliantsms.inbound.webhook.signature.SignatureVerifier;
import org.compliantsms.inbound.webhook.signature.TwilioSignature;
import org.compliantsms.inbound.webhook.signature.Verdict;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

/**
 * The carrier webhooks: JSON signed with HMAC-SHA256 at {@code /webhooks/inbound/{account}}, Twilio's form signed
 * with X-Twilio-Signature at {@code /webhooks/twilio/{account}}, and unsigned at {@code /webhooks/inbound} only while
 * {@code inbound.webhook.verify-signatures=false}. A request that fails its check changes nothing. Carriers send
 * no bearer token: the signature is the authentication (docs/security.md).
 */
@Path("/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Carrier webhooks")
@PermitAll
@APIResponse(responseCode = "200", description = "Handled: the answer to send back, if any")
@APIResponse(responseCode = "202", description = "Accepted: recorded, handled asynchronously")
@APIResponse(responseCode = "400", description = "Not a reply this endpoint reads")
@APIResponse(responseCode = "401", description = "No signature")
@APIResponse(responseCode = "403", description = "A wrong or stale signature, or the wrong scheme for the account")
@APIResponse(responseCode = "404", description = "No such carrier account")
@APIResponse(responseCode = "503", description = "Not recorded: retry later")
public class InboundWebhookResource {
    private static final Logger LOG = Logger.getLogger(InboundWebhookResource.class);

    private final SignatureVerifier verifier;
    private final WebhookReplies replies;

    public InboundWebhookResource(SignatureVerifier verifier, WebhookReplies replies) {
        this.verifier = verifier;
        this.replies = replies;
    }

    /** JSON: {@code {"messageId", "from", "to", "text", "carrier", "receivedAt"}}, signed by the account's secret. */
    @POST
    @Path("/inbound/{account}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "A reply as JSON, signed with HMAC-SHA256", description = "X-Webhook-Timestamp and "
            + "X-Webhook-Signature: sha256=HMAC-SHA256(secret, timestamp + \".\" + body) (docs/inbound.md).")
    public Uni<Response> receiveSigned(@PathParam("account") String account, @RequestBody(content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = InboundWebhookRequest.class)))
            byte[] body,
            @HeaderParam(HmacSha256Signature.TIMESTAMP_HEADER) String timestamp,
            @HeaderParam(HmacSha256Signature.SIGNATURE_HEADER) String signature) {
        Verdict verdict = verifier.verifyJson(account, body, timestamp, signature);
        if (!verdict.isValid()) {
            return refused(verdict, account);
        }
        return json(body).map(request -> replies.receive(request, verifier.account(account)))
                .orElseGet(() -> badRequest("the body is not a JSON reply"));
    }

    /** Twilio's form webhook (From, To, Body, MessageSid), signed with the account's auth token. */
    @POST
    @Path("/twilio/{account}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "A reply as Twilio's form, signed with X-Twilio-Signature")
    public Uni<Response> receiveTwilio(@PathParam("account") String account, String body, @Context UriInfo uri,
            @HeaderParam(TwilioSignature.HEADER) String signature) {
        Map<String, List<String>> form = form(body);
        Verdict verdict = verifier.verifyTwilio(account, uri.getRequestUri().toString(), form, signature);
        if (!verdict.isValid()) {
            return refused(verdict, account);
        }
        return replies.receive(twilio(form), verifier.account(account));
    }

    /** Unsigned JSON, for local use only: refused unless verification is off. */
    @POST
    @Path("/inbound")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "An unsigned JSON reply (local use only)", description = "Refused unless "
            + "inbound.webhook.verify-signatures=false, which the prod profile does not start with.")
    public Uni<Response> receiveUnsigned(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = InboundWebhookRequest.class))) byte[] body) {
        Verdict verdict = verifier.verifyJson(null, body, null, null);
        if (!verdict.isValid()) {
            return refused(verdict, "(none)");
        }
        return json(body).map(request -> replies.receive(request, Optional.<CarrierAccount> empty()))
                .orElseGet(() -> badRequest("the body is not a JSON reply"));
    }

    /** Unsigned Twilio-style form, for local use only: refused unless verification is off. */
    @POST
    @Path("/inbound")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "An unsigned Twilio-style form reply (local use only)")
    public Uni<Response> receiveUnsignedForm(String body) {
        Verdict verdict = verifier.verifyJson(null, null, null, null);
        if (!verdict.isValid()) {
            return refused(verdict, "(none)");
        }
        return replies.receive(twilio(form(body)), Optional.empty());
    }

    private static InboundWebhookRequest twilio(Map<String, List<String>> form) {
        return new InboundWebhookRequest(first(form, "MessageSid"), first(form, "From"), first(form, "To"),
                first(form, "Body"), null, null);
    }

    private static Optional<InboundWebhookRequest> json(byte[] body) {
        if (body == null || body.length == 0) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(EventCodec.mapper().readValue(body, InboundWebhookRequest.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The form's parameters in their order, each name with all its values (Twilio signs them all). */
    static Map<String, List<String>> form(String body) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return params;
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return params;
    }

    private static String first(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static Uni<Response> refused(Verdict verdict, String account) {
        LOG.warnf("webhook for account %s refused (%s): %s", account, verdict.outcome(), verdict.reason());
        return Uni.createFrom().item(Response.status(verdict.httpStatus())
                .entity(Map.of("error", verdict.reason())).build());
    }

    private static Uni<Response> badRequest(String error) {
        return Uni.createFrom().item(WebhookReplies.status(Response.Status.BAD_REQUEST, Map.of("error", error)));
    }
}
