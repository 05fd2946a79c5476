package org.compliantsms.campaign.schedules;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.compliantsms.campaign.access.CampaignAccess;
import org.compliantsms.campaign.access.CampaignAccess.Need;
import org.compliantsms.campaign.access.Roles;
import org.compliantsms.campaign.campaigns.CampaignStore;
import org.compliantsms.campaign.campaigns.CampaignValidator;
import org.compliantsms.campaign.campaigns.CampaignView;
import org.compliantsms.campaign.waves.LocalWindow;
import org.compliantsms.campaign.waves.WindowView;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;

/** Send, pause, resume and cancel a campaign's emission. */
@Path("/campaigns/{id}/schedule")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Campaigns")
@APIResponse(responseCode = "401", description = "No bearer token, or one that is expired, badly signed or from another issuer")
@APIResponse(responseCode = "403", description = "The token's roles or programs do not allow this")
@APIResponse(responseCode = "404", description = "No such campaign")
@APIResponse(responseCode = "409", description = "Not possible in the campaign's state; the body gives the state")
@APIResponse(responseCode = "200", description = "The campaign as it is now",
        content = @Content(schema = @Schema(implementation = CampaignView.class)))
public class ScheduleResource {
    /**
     * @param sendAt absent: now
     * @param ratePerSecond absent: as fast as the platform takes them
     * @param localWindow absent: every recipient at once; given: each recipient only while its local time (every
     *        zone its number maps to) is inside the window, in time-zone waves
     */
    public record SendRequest(Instant sendAt, Integer ratePerSecond, WindowView localWindow) {
    }

    private final ScheduleStore schedules;
    private final CampaignStore campaigns;
    private final CampaignAccess access;

    public ScheduleResource(ScheduleStore schedules, CampaignStore campaigns, CampaignAccess access) {
        this.schedules = schedules;
        this.campaigns = campaigns;
        this.access = access;
    }

    @POST
    @Path("/send")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.CAMPAIGN_SENDER, Roles.ADMIN })
    @Operation(summary = "Send a campaign", description = "A DRAFT (its audience uploaded) or SCHEDULED campaign is "
            + "emitted now or at sendAt, at ratePerSecond; any replica emits it, from where it stopped. With "
            + "localWindow ({\"from\":\"09:00\",\"to\":\"20:00\"}, the recipient's local times) each recipient "
            + "is requested only while its local time is inside the window in every time zone its number maps to "
            + "(UTC when none is known), in time-zone waves; GET /campaigns/{id} counts those waiting for their "
            + "window.")
    @APIResponse(responseCode = "400", description = "ratePerSecond out of range, or localWindow not two times HH:mm "
            + "with from before to")
    public Uni<Response> send(@PathParam("id") UUID id, SendRequest request) {
        SendRequest send = request == null ? new SendRequest(null, null, null) : request;
        if (send.ratePerSecond() != null
                && (send.ratePerSecond() < 1 || send.ratePerSecond() > CampaignValidator.MAX_RATE)) {
            return Uni.createFrom().item(badRequest("ratePerSecond: 1 to " + CampaignValidator.MAX_RATE));
        }
        LocalWindow window;
        try {
            window = send.localWindow() == null ? null : send.localWindow().window();
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(badRequest(e.getMessage()));
        }
        return change(id, () -> schedules.send(id, send.sendAt(), send.ratePerSecond(), window));
    }

    private static Response badRequest(String error) {
        return Response.status(Response.Status.BAD_REQUEST).entity(Map.of("error", error)).build();
    }

    @POST
    @Path("/pause")
    @RolesAllowed({ Roles.CAMPAIGN_SENDER, Roles.ADMIN })
    @Operation(summary = "Pause a campaign", description = "The emission stops after the chunk being sent; what was "
            + "requested goes on to its outcomes.")
    public Uni<Response> pause(@PathParam("id") UUID id) {
        return change(id, () -> schedules.pause(id));
    }

    @POST
    @Path("/resume")
    @RolesAllowed({ Roles.CAMPAIGN_SENDER, Roles.ADMIN })
    @Operation(summary = "Resume a paused campaign", description = "The emission goes on from where it stopped.")
    public Uni<Response> resume(@PathParam("id") UUID id) {
        return change(id, () -> schedules.resume(id));
    }

    @POST
    @Path("/cancel")
    @RolesAllowed({ Roles.CAMPAIGN_SENDER, Roles.ADMIN })
    @Operation(summary = "Cancel a campaign", description = "The emission stops for good; what was requested goes on "
            + "to its outcomes.")
    public Uni<Response> cancel(@PathParam("id") UUID id) {
        return change(id, () -> schedules.cancel(id));
    }

    private Uni<Response> change(UUID id, Supplier<Uni<Boolean>> change) {
        return access.refused(id, Need.CHANGE).chain(refused -> {
            if (refused.isPresent()) {
                return Uni.createFrom().item(refused.get());
            }
            return change.get().chain(changed -> campaigns.view(id).map(view -> changed
                    ? Response.ok(view.orElseThrow()).build()
                    : Response.status(Response.Status.CONFLICT).entity(Map.of("error", "not possible in state "
                            + view.orElseThrow().state(), "state", view.orElseThrow().state())).build()));
        });
    }
}
