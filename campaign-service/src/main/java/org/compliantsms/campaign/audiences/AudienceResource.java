package org.compliantsms.campaign.audiences;

import java.io.InputStream;
import java.time.Duration;
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

import org.compliantsms.campaign.access.CampaignAccess;
import org.compliantsms.campaign.access.CampaignAccess.Need;
import org.compliantsms.campaign.access.Roles;
import org.compliantsms.campaign.programs.ProgramStore;
import org.compliantsms.campaign.templates.Template;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;

/** A campaign's audience, uploaded as CSV: the upload, its progress, its rejected rows. */
@Path("/campaigns/{id}/audience")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audiences")
@APIResponse(responseCode = "401", description = "No bearer token, or one that is expired, badly signed or from another issuer")
@APIResponse(responseCode = "403", description = "The token's roles or programs do not allow this")
@APIResponse(responseCode = "404", description = "No such campaign")
public class AudienceResource {
    private static final int MAX_PAGE = 1000;

    /** @param next the {@code after} of the following page; null on the last page */
    public record RejectionPage(List<Rejection> items, Long next) {
    }

    /** The lookups before an upload (access, campaign, program): PostgreSQL answers in milliseconds. */
    private static final Duration LOOKUPS_WITHIN = Duration.ofSeconds(30);

    private final AudienceImporter importer;
    private final AudienceStore store;
    private final CampaignAccess access;
    private final ProgramStore programs;

    public AudienceResource(AudienceImporter importer, AudienceStore store, CampaignAccess access,
            ProgramStore programs) {
        this.programs = programs;
        this.importer = importer;
        this.store = store;
        this.access = access;
    }

    @POST
    @Consumes({ "text/csv", MediaType.TEXT_PLAIN })
    @Blocking
    @RolesAllowed({ Roles.CAMPAIGN_SENDER, Roles.ADMIN })
    @Operation(summary = "Upload a DRAFT campaign's audience as CSV", description = "A header line, then one recipient "
            + "a line: phone (E.164, or national with defaultRegion), and optionally locale, consent_time (ISO 8601 "
            + "with offset), consent_source, consent_evidence; other columns are custom fields. Each row is checked against the campaign's program (its "
            + "countries, its sender's countries) and template (every field without a fallback filled). Streamed: read and "
            + "stored in batches as it arrives. Answers when the file is read, with the counts; rows that could not be "
            + "imported are listed by line number and reason at GET /campaigns/{id}/audience/rejections.")
    @APIResponse(responseCode = "200", description = "The upload, read to its end (state DONE) or stopped (FAILED)",
            content = @Content(schema = @Schema(implementation = ImportView.class)))
    @APIResponse(responseCode = "400", description = "No header with a phone column: nothing is stored")
    @APIResponse(responseCode = "409", description = "The campaign is not a DRAFT, or an upload of it is running")
    public Response upload(@PathParam("id") UUID id, @QueryParam("defaultRegion") String defaultRegion,
            InputStream body) {
        // A worker thread (@Blocking: the body is read as a stream); every wait on PostgreSQL is bounded.
        String actor = access.subject();
        Uni<Object> checked = access.refused(id, Need.CHANGE).chain(refused -> refused.isPresent()
                ? Uni.createFrom().item(refused.get())
                : store.target(id).chain(target -> programs.find(target.orElseThrow().programId())
                        .map(program -> new Checked(target.get().programId(), new AudienceRules(program.orElse(null),
                                target.get().senderId(), Template.parse(target.get().body()))))));
        Object lookedUp = checked.await().atMost(LOOKUPS_WITHIN);
        if (lookedUp instanceof Response refused) {
            return refused;
        }
        Checked upload = (Checked) lookedUp;
        Optional<AudienceStore.Started> started = store.start(id);
        if (started.isEmpty()) {
            return Response.status(Response.Status.CONFLICT)
                    .entity(Map.of("error", "the campaign is not a DRAFT, or an upload of it is running")).build();
        }
        try {
            return Response.ok(importer.importCsv(id, started.get(), body, defaultRegion, upload.rules(),
                    upload.programId(), actor)).build();
        } catch (IllegalArgumentException e) {
            return Response.status(Response.Status.BAD_REQUEST).entity(Map.of("error", e.getMessage())).build();
        }
    }

    private record Checked(String programId, AudienceRules rules) {
    }

    @GET
    @RolesAllowed({ Roles.CAMPAIGN_SENDER, Roles.AUDITOR, Roles.ADMIN })
    @Operation(summary = "The latest upload's progress", description = "Rows read, accepted and rejected so far; "
            + "answers while the upload runs.")
    @APIResponse(responseCode = "200", description = "The latest upload",
            content = @Content(schema = @Schema(implementation = ImportView.class)))
    public Uni<Response> progress(@PathParam("id") UUID id) {
        return access.refused(id, Need.READ).chain(refused -> refused.isPresent() ? Uni.createFrom().item(refused.get())
                : store.latest(id).map(view -> view.map(v -> Response.ok(v).build())
                        .orElseGet(() -> Response.status(Response.Status.NOT_FOUND)
                                .entity(Map.of("error", "no upload for this campaign")).build())));
    }

    @GET
    @Path("/rejections")
    @RolesAllowed({ Roles.CAMPAIGN_SENDER, Roles.AUDITOR, Roles.ADMIN })
    @Operation(summary = "Rows of an upload that were not imported", description = "By line number (the header is "
            + "line 1) and reason: INVALID_NUMBER, DUPLICATE, MISSING_COLUMN, MALFORMED_CONSENT, INVALID_LOCALE, "
            + "COUNTRY_NOT_ALLOWED (the program or its sender does not send there), MISSING_FIELD (the template needs "
            + "a field the row lacks). The latest upload unless `import` names one; a page at a time after line `after`.")
    @APIResponse(responseCode = "200", description = "The page",
            content = @Content(schema = @Schema(implementation = RejectionPage.class)))
    public Uni<Response> rejections(@PathParam("id") UUID id, @QueryParam("import") UUID importId,
            @QueryParam("after") @DefaultValue("0") long after, @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            return Uni.createFrom().item(Response.status(Response.Status.BAD_REQUEST)
                    .entity(Map.of("error", "limit: 1 to " + MAX_PAGE)).build());
        }
        return access.refused(id, Need.READ).chain(refused -> {
            if (refused.isPresent()) {
                return Uni.createFrom().item(refused.get());
            }
            Uni<Optional<UUID>> which = importId != null ? Uni.createFrom().item(Optional.of(importId))
                    : store.latest(id).map(view -> view.map(ImportView::id));
            return which.chain(upload -> upload.isEmpty()
                    ? Uni.createFrom().item(Response.status(Response.Status.NOT_FOUND)
                            .entity(Map.of("error", "no upload for this campaign")).build())
                    : store.rejections(id, upload.get(), after, limit).map(items -> Response.ok(new RejectionPage(
                            items, items.size() < limit ? null : items.get(items.size() - 1).line())).build()));
        });
    }
}
