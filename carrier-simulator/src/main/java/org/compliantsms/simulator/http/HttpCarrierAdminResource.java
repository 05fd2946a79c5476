package org.compliantsms.simulator.http;

import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The HTTP carrier mode's knobs: where receipts go, and how many went. */
@Path("/admin/http")
@Tag(name = "HTTP carrier")
public class HttpCarrierAdminResource {
    private final HttpReceiptSender sender;

    public HttpCarrierAdminResource(HttpReceiptSender sender) {
        this.sender = sender;
    }

    @GET
        @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The HTTP carrier mode's webhook URL and receipt counts")
    public Map<String, Object> counts() {
        return sender.counts();
    }

    @PUT
    @Path("/webhook")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Where the HTTP carrier mode posts receipts from now on (null: nowhere)")
    public Response webhook(WebhookRequest request) {
        if (request == null || (request.url() != null && !request.url().matches("https?://.+"))) {
            return Response.status(Response.Status.BAD_REQUEST).entity(Map.of("error", "url is an http(s) URL"))
                    .type(MediaType.APPLICATION_JSON).build();
        }
        sender.webhookUrl(request.url());
        sender.resetCounts();
        return Response.noContent().build();
    }

    public record WebhookRequest(String url) {
    }
}
