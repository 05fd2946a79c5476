package org.compliantsms.compliance.consent;

import java.io.InputStream;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;

import org.compliantsms.compliance.lists.CsvExport;
import org.compliantsms.compliance.lists.InvalidListRequest;
import org.compliantsms.compliance.lists.ListRoles;
import org.compliantsms.events.Identifiers;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.logging.Logger;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;

/**
 * The consent API (docs/compliance.md#the-consent-api): compliance officers and admins record grants, revocations
 * and double opt-in confirmations with their evidence; they and auditors read a number's consents. Each write is
 * durable on sms.consent-changed.v1 and in effect (ledger and index) when it answers 201. Bulk grants and revocations
 * come in as streamed CSV and a program's consents go out the same way.
 */
@Path("/consents")
@Produces(MediaType.APPLICATION_JSON)
public class ConsentResource {
    static final String COMPLIANCE_OFFICER = "compliance-officer";
    static final String AUDITOR = "auditor";
    static final String ADMIN = "admin";
    private static final Logger LOG = Logger.getLogger(ConsentResource.class);

    private final ConsentApi api;
    private final ConsentIndexRebuilder rebuilder;
    private final ConsentCsvImport csvImport;
    private final ConsentCsvExport csvExport;
    private final SecurityIdentity identity;

    public ConsentResource(ConsentApi api, ConsentIndexRebuilder rebuilder, ConsentCsvImport csvImport,
            ConsentCsvExport csvExport, SecurityIdentity identity) {
        this.api = api;
        this.rebuilder = rebuilder;
        this.csvImport = csvImport;
        this.csvExport = csvExport;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Blocking
    @RolesAllowed({ COMPLIANCE_OFFICER, ADMIN })
    @Operation(summary = "Record a consent the person gave, with its evidence")
    @APIResponse(responseCode = "201", description = "Recorded and in effect (PENDING with doubleOptIn)",
            content = @Content(schema = @Schema(implementation = ConsentRequests.Recorded.class)))
    @APIResponse(responseCode = "400", description = "Invalid: every problem is listed, nothing is recorded")
    @APIResponse(responseCode = "503", description = "Kafka, PostgreSQL or Redis cannot take it now: retry (with the same id)")
    public Response grant(ConsentRequests.Grant grant, @Context SecurityContext caller) {
        if (grant == null) {
            return invalid(List.of("a JSON body is required"));
        }
        return created(() -> api.grant(grant, actor(caller)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/revocations")
    @Blocking
    @RolesAllowed({ COMPLIANCE_OFFICER, ADMIN })
    @Operation(summary = "Record that the person withdrew their consent to a program's marketing")
    @APIResponse(responseCode = "201", description = "Recorded and in effect",
            content = @Content(schema = @Schema(implementation = ConsentRequests.Recorded.class)))
    @APIResponse(responseCode = "400", description = "Invalid: every problem is listed, nothing is recorded")
    @APIResponse(responseCode = "503", description = "Kafka, PostgreSQL or Redis cannot take it now: retry (with the same id)")
    public Response revoke(ConsentRequests.Revocation revocation, @Context SecurityContext caller) {
        if (revocation == null) {
            return invalid(List.of("a JSON body is required"));
        }
        return created(() -> api.revoke(revocation, actor(caller)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/{id}/confirmation")
    @Blocking
    @RolesAllowed({ COMPLIANCE_OFFICER, ADMIN })
    @Operation(summary = "Record the person's confirmation of a pending grant (double opt-in)")
    @APIResponse(responseCode = "201", description = "The grant is in effect, under its own id",
            content = @Content(schema = @Schema(implementation = ConsentRequests.Recorded.class)))
    @APIResponse(responseCode = "404", description = "No such consent record")
    @APIResponse(responseCode = "409", description = "The record is not a grant waiting for its confirmation")
    public Response confirm(@PathParam("id") String id, ConsentRequests.Confirmation confirmation,
            @Context SecurityContext caller) {
        if (!Identifiers.isMessageId(id)) {
            return Response.status(Response.Status.NOT_FOUND)
                    .entity(Map.of("error", "no consent record " + id + ": not a record id")).build();
        }
        ConsentRequests.Confirmation given = confirmation != null ? confirmation
                : new ConsentRequests.Confirmation(null, null, null, null, null);
        try {
            return created(() -> {
                try {
                    return api.confirm(id, given, actor(caller));
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
        } catch (ConsentApi.NotPending e) {
            return Response.status(e.exists() ? Response.Status.CONFLICT : Response.Status.NOT_FOUND)
                    .entity(Map.of("error", e.getMessage())).build();
        }
    }

    @POST
    @Path("/import")
    @Blocking
    @Consumes({ CsvExport.CSV, MediaType.TEXT_PLAIN })
    @RolesAllowed({ COMPLIANCE_OFFICER, ADMIN })
    @Operation(summary = "Bulk grants and revocations as streamed CSV, applied in batches; bad rows reported by line number")
    @APIResponse(responseCode = "200", description = "Rows read, applied and rejected, the first bad rows with their line",
            content = @Content(schema = @Schema(implementation = ConsentCsvImport.Report.class)))
    @APIResponse(responseCode = "400", description = "Empty CSV, or a header without number, program_id or action")
    @APIResponse(responseCode = "503", description = "Kafka, PostgreSQL or Redis cannot take it now: the batches "
            + "answered so far are in effect; import again (rows with an id are recorded once)")
    public ConsentCsvImport.Report importCsv(InputStream csv) {
        return csvImport.read(csv, ListRoles.actor(identity));
    }

    @GET
    @Path("/export")
    @Blocking
    @Produces(CsvExport.CSV)
    @RolesAllowed({ COMPLIANCE_OFFICER, AUDITOR, ADMIN })
    @Operation(summary = "One program's current consent per number as streamed CSV, in the import's columns "
            + "(numbers masked for auditors)")
    @APIResponse(responseCode = "400", description = "No programId")
    public StreamingOutput export(@QueryParam("programId") @Parameter(description = "the program") String programId) {
        if (programId == null || programId.isBlank()) {
            throw new InvalidListRequest("programId is required");
        }
        boolean full = ListRoles.seesFullNumbers(identity);
        String program = programId.strip();
        return out -> csvExport.write(program, full, out);
    }

    @GET
    @Path("/{e164}")
    @Blocking
    @RolesAllowed({ COMPLIANCE_OFFICER, AUDITOR, ADMIN })
    @Operation(summary = "A number's consent per program (with the record that grants or revoked it) and every record")
    @APIResponse(responseCode = "200", description = "The state per program and the ledger's records, oldest first",
            content = @Content(schema = @Schema(implementation = ConsentApi.ConsentView.class)))
    @APIResponse(responseCode = "400", description = "Not a number in E.164")
    public Response view(@PathParam("e164") String e164) {
        try {
            return Response.ok(api.view(e164)).build();
        } catch (ConsentApi.Invalid e) {
            return invalid(e.problems());
        } catch (SQLException e) {
            return unavailable(e);
        }
    }

    @POST
    @Path("/index/rebuild")
    @Blocking
    @RolesAllowed(ADMIN)
    @Operation(summary = "Rebuild the Redis consent index from the ledger now (it also rebuilds itself when incomplete)")
    @APIResponse(responseCode = "200", description = "Rebuilt: ledger records read, index writes that changed it")
    @APIResponse(responseCode = "409", description = "Another replica is rebuilding it")
    public Response rebuild() {
        try {
            ConsentIndexRebuilder.Rebuilt rebuilt = rebuilder.rebuild();
            if (rebuilt == null) {
                return Response.status(Response.Status.CONFLICT)
                        .entity(Map.of("error", "another replica is rebuilding the consent index")).build();
            }
            return Response.ok(Map.of("records", rebuilt.records(), "written", rebuilt.written(), "tookMillis",
                    rebuilt.took().toMillis())).build();
        } catch (SQLException | RuntimeException e) {
            return unavailable(e);
        }
    }

    private static Response created(Supplier<ConsentRequests.Recorded> write) {
        try {
            return Response.status(Response.Status.CREATED).entity(write.get()).build();
        } catch (ConsentApi.Invalid e) {
            return invalid(e.problems());
        } catch (ConsentApi.NotPending e) {
            throw e;
        } catch (RuntimeException e) {
            return unavailable(e);
        }
    }

    private static Response invalid(List<String> problems) {
        return Response.status(Response.Status.BAD_REQUEST)
                .entity(Map.of("error", "invalid consent request", "problems", problems)).build();
    }

    private static Response unavailable(Exception e) {
        LOG.warnf("consent API: %s", e.getMessage());
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .entity(Map.of("error", "cannot record or read consents now, retry: " + e.getMessage())).build();
    }

    private static String actor(SecurityContext caller) {
        return caller.getUserPrincipal() == null ? null : caller.getUserPrincipal().getName();
    }
}
