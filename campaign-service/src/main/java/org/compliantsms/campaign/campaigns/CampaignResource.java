package org.compliantsms.campaign.campaigns;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.compliantsms.campaign.access.Caller;
import org.compliantsms.campaign.access.CampaignAccess;
import org.compliantsms.campaign.access.CampaignAccess.Need;
import org.compliantsms.campaign.access.Roles;
import org.compliantsms.campaign.emission.CampaignEmitter;
import org.compliantsms.campaign.programs.ProgramStore;
import org.compliantsms.events.PhoneNumbers;
import org.compliantsms.events.Program;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The campaign API: create a campaign (one message request per recipient) and follow its progress. Bearer tokens
 * only: a campaign-sender for the programs its token lists, an auditor reads every program, an admin does all.
 */
@Path("/campaigns")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Campaigns")
@APIResponse(responseCode = "401", description = "No bearer token, or one that is expired, badly signed or from another issuer")
@APIResponse(responseCode = "403", description = "The token's roles or programs do not allow this")
public class CampaignResource {
    private static final Logger LOG = Logger.getLogger(CampaignResource.class);
    private static final int MAX_PAGE = 1000;

    private final CampaignStore store;
    private final CampaignAccess access;
    private final CampaignEmitter emitter;
    private final ProgramStore programs;

    public CampaignResource(CampaignStore store, CampaignAccess access, CampaignEmitter emitter,
            ProgramStore programs) {
        this.store = store;
        this.access = access;
        this.emitter = emitter;
        this.programs = programs;
    }

    /**
     * 201 once the campaign is stored and, when it is due now at full speed, every message is requested
     * (acknowledged by Kafka); a scheduled or rate-limited campaign is emitted in the background, a campaign without
     * recipients is a DRAFT for an audience upload. 400 with every problem when the request is invalid; 503 when it
     * is stored but its messages could not all be requested yet (the emission resumes by itself).
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.CAMPAIGN_SENDER, Roles.ADMIN })
    @Operation(summary = "Create a campaign", description = "Stores the campaign and requests one message per distinct "
            + "recipient. A campaign-sender may create campaigns only for the programs its token lists; the program "
            + "must exist and the sender be one of its senders. Without recipients it is a DRAFT whose audience is "
            + "uploaded as CSV.")
    @APIResponse(responseCode = "201", description = "Stored; every message requested when it was due now at full speed",
            content = @Content(schema = @Schema(implementation = CampaignView.class)))
    @APIResponse(responseCode = "400", description = "Invalid (no such program, a sender that is not the program's, a "
            + "template field the recipients lack...): every problem is listed, nothing is stored")
    @APIResponse(responseCode = "503", description = "Stored, but its messages could not all be requested yet; the "
            + "emission resumes by itself")
    public Uni<Response> create(CampaignRequest request) {
        Optional<Response> refused = request == null || request.programId() == null ? Optional.empty()
                : access.refused(request.programId(), Need.CHANGE);
        if (refused.isPresent()) {
            return Uni.createFrom().item(refused.get());
        }
        // Parsing 10,000 numbers takes 100-500 ms: off the event loop, then back on this request's context,
        // where Hibernate Reactive must run.
        Context context = Vertx.currentContext();
        Uni<Optional<Program>> program = request == null || request.programId() == null
                ? Uni.createFrom().item(Optional.empty())
                : programs.find(request.programId());
        return program.emitOn(Infrastructure.getDefaultWorkerPool())
                .map(found -> new Checked(found, CampaignChecks.check(request, found)))
                .emitOn(task -> context.runOnContext(ignored -> task.run()))
                .chain(checked -> checked.validation().valid()
                        ? createValid(CampaignChecks.withProgramCategory(request, checked.program().orElseThrow()),
                                checked.validation(), context)
                        : Uni.createFrom().item(Response.status(Response.Status.BAD_REQUEST).entity(Map.of("error",
                                "invalid campaign", "problems", checked.validation().problems())).build()));
    }

    private record Checked(Optional<Program> program, CampaignValidator.Result validation) {
    }

    private Uni<Response> createValid(CampaignRequest request, CampaignValidator.Result validation, Context context) {
        return store.create(request, validation.recipients(), emitter.owner(), emitter.lease())
                .chain(campaign -> emittedIfDue(campaign, context)
                        .chain(() -> store.view(campaign.id))
                        .map(view -> Response.created(URI.create("/campaigns/" + campaign.id)).entity(view.orElseThrow())
                                .build())
                        .onFailure().recoverWithItem(e -> Response.status(Response.Status.SERVICE_UNAVAILABLE)
                                .entity(Map.of("id", campaign.id, "error", "stored, but its messages could not all be"
                                        + " requested yet; the emission resumes by itself"))
                                .build()));
    }

    /** A campaign due now at full speed is emitted while its creator waits; the others by the emitter's poll. */
    private Uni<Void> emittedIfDue(Campaign campaign, Context context) {
        if (campaign.state != CampaignState.EMITTING) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().completionStage(() -> emitter.emit(campaign.id))
                .emitOn(task -> context.runOnContext(ignored -> task.run()))
                .onFailure().invoke(e -> LOG.warnf("campaign %s stored, its emission resumes by itself: %s",
                        campaign.id, e.toString()));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.CAMPAIGN_SENDER, Roles.AUDITOR, Roles.ADMIN })
    @Operation(summary = "A campaign and its progress", description = "Messages per outcome and rejections per reason.")
    @APIResponse(responseCode = "200", description = "The campaign",
            content = @Content(schema = @Schema(implementation = CampaignView.class)))
    @APIResponse(responseCode = "404", description = "No such campaign")
    public Uni<Response> get(@PathParam("id") UUID id) {
        Caller caller = access.caller();
        return store.view(id).map(view -> view.map(v -> CampaignAccess.refused(caller, v.programId(), Need.READ)
                .orElseGet(() -> Response.ok(v).build())).orElseGet(CampaignResource::notFound));
    }

    /** One page of the campaign's messages with their recipient and outcome. */
    @GET
    @Path("/{id}/messages")
    @RolesAllowed({ Roles.CAMPAIGN_SENDER, Roles.AUDITOR, Roles.ADMIN })
    @Operation(summary = "A campaign's messages, a page at a time", description = "Each message with its recipient and "
            + "outcome, in the order of the campaign's recipients, after position `after`; `next` is the `after` of "
            + "the following page (absent on the last). Numbers are masked (+33*******78) unless the token is an "
            + "admin's.")
    @APIResponse(responseCode = "200", description = "The page",
            content = @Content(schema = @Schema(implementation = MessagePage.class)))
    @APIResponse(responseCode = "400", description = "limit out of 1..1000")
    @APIResponse(responseCode = "404", description = "No such campaign")
    public Uni<Response> messages(@PathParam("id") UUID id, @QueryParam("after") @DefaultValue("-1") int after,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            return Uni.createFrom().item(Response.status(Response.Status.BAD_REQUEST)
                    .entity(Map.of("error", "limit: 1 to " + MAX_PAGE)).build());
        }
        Caller caller = access.caller();
        return access.refused(id, Need.READ).chain(refused -> {
            if (refused.isPresent()) {
                return Uni.createFrom().item(refused.get());
            }
            return store.messages(id, after, limit).map(messages -> Response.ok(MessagePage.of(messages, limit,
                    caller.admin())).build());
        });
    }

    private static Response notFound() {
        return Response.status(Response.Status.NOT_FOUND).build();
    }

    /** @param next the {@code after} of the following page; null on the last page */
    public record MessagePage(List<MessageView> items, Integer next) {
        static MessagePage of(List<CampaignMessage> messages, int limit, boolean fullNumbers) {
            List<MessageView> items = messages.stream().map(m -> MessageView.of(m, fullNumbers)).toList();
            return new MessagePage(items, messages.size() < limit ? null : messages.get(messages.size() - 1).position);
        }
    }

    /** @param recipient masked unless the caller may see full numbers */
    public record MessageView(int position, String messageId, String recipient, MessageOutcome outcome, String reason,
            String detail) {
        static MessageView of(CampaignMessage m, boolean fullNumber) {
            return new MessageView(m.position, m.messageId, fullNumber ? m.recipient : PhoneNumbers.mask(m.recipient),
                    m.outcome, m.reason, m.detail);
        }
    }
}
