package org.compliantsms.campaign.report;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.compliantsms.campaign.access.Caller;
import org.compliantsms.campaign.access.CampaignAccess;
import org.compliantsms.campaign.access.CampaignAccess.Need;
import org.compliantsms.campaign.access.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;

@Path("/campaigns/{id}/report")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Campaigns")
@APIResponse(responseCode = "401", description = "No bearer token, or one that is expired, badly signed or from another issuer")
@APIResponse(responseCode = "403", description = "The token's roles or programs do not allow this")
public class ReportResource {
    private final ReportStore store;
    private final CampaignAccess access;

    public ReportResource(ReportStore store, CampaignAccess access) {
        this.store = store;
        this.access = access;
    }

    @GET
    @RolesAllowed({ Roles.CAMPAIGN_SENDER, Roles.AUDITOR, Roles.ADMIN })
    @Operation(summary = "A campaign's report", description = "Messages requested, approved, deferred, rejected (per "
            + "reason), submitted, unconfirmed, delivered, failed...: each message counted once per outcome it "
            + "reached, however often its events were delivered.")
    @APIResponse(responseCode = "200", description = "The report",
            content = @Content(schema = @Schema(implementation = CampaignReport.class)))
    @APIResponse(responseCode = "404", description = "No such campaign")
    public Uni<Response> report(@PathParam("id") UUID id) {
        Caller caller = access.caller();
        return store.report(id).map(report -> report.map(r -> CampaignAccess.refused(caller, r.programId(), Need.READ)
                .orElseGet(() -> Response.ok(r).build()))
                .orElseGet(() -> Response.status(Response.Status.NOT_FOUND).build()));
    }
}
