package org.compliantsms.campaign.campaigns;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.compliantsms.campaign.requests.MessageRequestPublisher;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/** The campaign API: create a campaign (one message request per recipient) and follow its progress. */
@Path("/campaigns")
@Produces(MediaType.APPLICATION_JSON)
public class CampaignResource {
    private static final Logger LOG = Logger.getLogger(CampaignResource.class);

    private final CampaignStore store;
    private final MessageRequestPublisher publisher;

    public CampaignResource(CampaignStore store, MessageRequestPublisher publisher) {
        this.store = store;
        this.publisher = publisher;
    }

    /**
     * 201 once the campaign is stored and every message is requested (acknowledged by Kafka); 400 with every
     * problem when the request is invalid; 503 when it is stored but its messages could not all be requested.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(CampaignRequest request) {
        // Parsing 10,000 numbers takes 100-500 ms: off the event loop, then back on this request's context,
        // where Hibernate Reactive must run.
        Context context = Vertx.currentContext();
        return Uni.createFrom().item(() -> CampaignValidator.validate(request))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .emitOn(task -> context.runOnContext(ignored -> task.run()))
                .chain(validation -> validation.valid() ? createValid(request, validation)
                        : Uni.createFrom().item(Response.status(Response.Status.BAD_REQUEST)
                                .entity(Map.of("error", "invalid campaign", "problems", validation.problems())).build()));
    }

    private Uni<Response> createValid(CampaignRequest request, CampaignValidator.Result validation) {
        return store.create(request, validation.recipients())
                .chain(campaign -> publisher.publish(campaign, validation.recipients())
                        .chain(() -> store.markRequested(campaign.id))
                        .chain(() -> store.view(campaign.id))
                        .map(view -> Response.created(URI.create("/campaigns/" + campaign.id)).entity(view.orElseThrow())
                                .build())
                        .onFailure().recoverWithItem(e -> {
                            LOG.warnf("campaign %s stored but not fully requested: %s", campaign.id, e.toString());
                            return Response.status(Response.Status.SERVICE_UNAVAILABLE).entity(Map.of("id",
                                    campaign.id, "error", "stored, but its messages could not all be requested"))
                                    .build();
                        }));
    }

    @GET
    @Path("/{id}")
    public Uni<Response> get(@PathParam("id") UUID id) {
        return store.view(id).map(view -> view.map(v -> Response.ok(v).build())
                .orElseGet(() -> Response.status(Response.Status.NOT_FOUND).build()));
    }

    /** Each message of the campaign with its recipient and outcome. */
    @GET
    @Path("/{id}/messages")
    public Uni<List<MessageView>> messages(@PathParam("id") UUID id) {
        return store.messages(id).map(messages -> messages.stream().map(MessageView::of).toList());
    }

    public record MessageView(String messageId, String recipient, MessageOutcome outcome, String reason,
            String detail) {
        static MessageView of(CampaignMessage m) {
            return new MessageView(m.messageId, m.recipient, m.outcome, m.reason, m.detail);
        }
    }
}
