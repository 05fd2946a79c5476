package org.compliantsms.campaign.preview;

import java.util.Map;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.compliantsms.campaign.access.CampaignAccess;
import org.compliantsms.campaign.access.CampaignAccess.Need;
import org.compliantsms.campaign.access.Roles;
import org.compliantsms.campaign.programs.ProgramStore;
import org.compliantsms.events.Program;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/** {@code POST /campaigns/preview}: what a campaign would send, before it is sent. Nothing is stored or requested. */
@Path("/campaigns/preview")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Campaigns")
@APIResponse(responseCode = "401", description = "No bearer token, or one that is expired, badly signed or from another issuer")
@APIResponse(responseCode = "403", description = "The token's roles or programs do not allow this")
public class PreviewResource {
    private final ProgramStore programs;
    private final CampaignAccess access;

    public PreviewResource(ProgramStore programs, CampaignAccess access) {
        this.programs = programs;
        this.access = access;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.CAMPAIGN_SENDER, Roles.ADMIN })
    @Operation(summary = "Preview a campaign", description = "Renders the template for each recipient from its "
            + "fields and shows, for a sample, the text, the footer compliance would add, the encoding (GSM7 or UCS2) "
            + "and the parts; counts the parts of the whole audience. Nothing is sent.")
    @APIResponse(responseCode = "200", description = "The preview",
            content = @Content(schema = @Schema(implementation = PreviewView.class)))
    @APIResponse(responseCode = "400", description = "Invalid (a recipient lacking a template field included): every "
            + "problem is listed")
    public Uni<Response> preview(PreviewRequest request) {
        Optional<Response> refused = request == null || request.programId() == null ? Optional.empty()
                : access.refused(request.programId(), Need.CHANGE);
        if (refused.isPresent()) {
            return Uni.createFrom().item(refused.get());
        }
        Uni<Optional<Program>> program = request == null || request.programId() == null
                ? Uni.createFrom().item(Optional.empty())
                : programs.find(request.programId());
        // Rendering 10,000 recipients is CPU work: off the event loop.
        return program.emitOn(Infrastructure.getDefaultWorkerPool())
                .map(found -> CampaignPreview.preview(request, found))
                .map(result -> result.valid() ? Response.ok(result.view()).build()
                        : Response.status(Response.Status.BAD_REQUEST)
                                .entity(Map.of("error", "invalid campaign", "problems", result.problems())).build());
    }
}
