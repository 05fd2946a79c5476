package org.compliantsms.inbound.webhook;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

/**
 * The carrier webhooks: JSON signed with HMAC-SHA256 at {@code /webhooks/inbound/{account}}, Twilio's form signed
 * with X-Twilio-Signature at {@code /webhooks/twilio/{account}}, and unsigned at {@code /webhooks/inbound} only while
 * {@code inbound.webhook.verify-signatures=false}. A request that fails its check changes nothing.
 */
@Path("/webhooks")
@Produces(MediaType.APPLICATION_JSON)
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
    public Uni<Response> receiveSigned(@PathParam("account") String account, byte[] body,
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
    public Uni<Response> receiveUnsigned(byte[] body) {
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
