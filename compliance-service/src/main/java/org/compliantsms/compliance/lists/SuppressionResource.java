package org.compliantsms.compliance.lists;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.StreamingOutput;

import org.compliantsms.events.ConsentSource;
import org.compliantsms.events.SuppressionScope;
import org.compliantsms.suppression.SuppressionIndex;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;

/**
 * List maintenance of suppression: one number's opt-out added or lifted (effective when answered), its state, the
 * counts per program, and the whole list as streamed CSV in and out. Compliance officers and admins change the
 * lists; auditors read them (numbers masked).
 */
@Path("/lists/suppression")
@Produces(MediaType.APPLICATION_JSON)
public class SuppressionResource {
    private static final java.time.Duration TIMEOUT = java.time.Duration.ofSeconds(10);

    private final SuppressionChanges changes;
    private final SuppressionIndex index;
    private final CsvImport csvImport;
    private final CsvExport csvExport;
    private final SecurityIdentity identity;

    public SuppressionResource(SuppressionChanges changes, SuppressionIndex index, CsvImport csvImport,
            CsvExport csvExport, SecurityIdentity identity) {
        this.changes = changes;
        this.index = index;
        this.csvImport = csvImport;
        this.csvExport = csvExport;
        this.identity = identity;
    }

    /**
     * @param number E.164 (or any common form)
     * @param scope PROGRAM (default) or ALL
     * @param programId required for PROGRAM
     * @param reason free text, kept as the change's evidence
     * @param channel how the person asked: WEB_FORM, EMAIL, PHONE, PAPER, API...
     * @param requestedAt when the person asked, if before now (evidence; the time-to-honour clock starts there)
     */
    public record ChangeRequest(String number, String scope, String programId, String reason, String channel,
            Instant requestedAt) {
    }

    /** @param number full (the caller gave it) */
    public record ChangeAnswer(String eventId, String number, String action, String scope, boolean alreadyInEffect,
            Instant receivedAt, Instant effectiveAt) {
    }

    @POST
    @Path("/opt-outs")
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ ListRoles.COMPLIANCE_OFFICER, ListRoles.ADMIN })
    @Operation(summary = "Opt one number out (one program, or ALL): answered once durable and effective")
    public ChangeAnswer optOut(ChangeRequest request) {
        return change(request, "OPT_OUT");
    }

    @POST
    @Path("/lifts")
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ ListRoles.COMPLIANCE_OFFICER, ListRoles.ADMIN })
    @Operation(summary = "Lift one number's opt-out (one program, or ALL): answered once durable and effective")
    public ChangeAnswer lift(ChangeRequest request) {
        return change(request, "LIFT");
    }

    private ChangeAnswer change(ChangeRequest request, String action) {
        if (request == null) {
            throw new InvalidListRequest("missing body");
        }
        ListChange change = ListChange.of(request.number(), action, request.scope(), request.programId(),
                request.reason(), request.channel(), request.requestedAt(), Instant.now());
        ConsentSource source = identity.hasRole(ListRoles.ADMIN) ? ConsentSource.ADMIN : ConsentSource.API;
        SuppressionChanges.Applied applied = changes.apply(List.of(change), source, ListRoles.actor(identity)).get(0);
        return new ChangeAnswer(applied.change().eventId(), change.number(), applied.change().action().name(),
                applied.scope(), applied.alreadyInEffect(), applied.receivedAt(), applied.effectiveAt());
    }

    /** One scope's state. */
    public record ScopeState(String scope, boolean suppressed, Instant since, String eventId) {
    }

    /**
     * @param suppressedFor with a programId: whether that program may not send to the number, and by which scope
     */
    public record NumberState(String number, String programId, Boolean suppressed, String suppressedBy,
            List<ScopeState> scopes) {
    }

    @GET
    @Path("/numbers/{number}")
    @Blocking
    @RolesAllowed({ ListRoles.COMPLIANCE_OFFICER, ListRoles.AUDITOR, ListRoles.ADMIN })
    @Operation(summary = "One number's suppression in every scope, and for one program when given")
    public NumberState state(@PathParam("number") String number,
            @QueryParam("programId") @Parameter(description = "the program to decide for") String programId) {
        String e164 = ListChange.e164(number);
        Map<String, SuppressionIndex.Entry> entries = index.entries(e164).await().atMost(TIMEOUT);
        List<ScopeState> scopes = entries.entrySet().stream()
                .map(e -> new ScopeState(e.getKey(), e.getValue().suppressed(), e.getValue().since(),
                        e.getValue().eventId()))
                .toList();
        Boolean suppressed = null;
        String by = null;
        if (programId != null && !programId.isBlank()) {
            by = suppressing(entries, SuppressionScope.GLOBAL);
            by = by != null ? by : suppressing(entries, SuppressionScope.program(programId));
            suppressed = by != null;
        }
        return new NumberState(ListRoles.shown(e164, ListRoles.seesFullNumbers(identity)), programId, suppressed, by,
                scopes);
    }

    private static String suppressing(Map<String, SuppressionIndex.Entry> entries, String scope) {
        SuppressionIndex.Entry entry = entries.get(scope);
        return entry != null && entry.suppressed() ? scope : null;
    }

    /** @param counts suppressed numbers per scope: {@code program:<id>}, {@code global} */
    public record Counts(Map<String, Long> counts) {
    }

    @GET
    @Path("/counts")
    @Blocking
    @RolesAllowed({ ListRoles.COMPLIANCE_OFFICER, ListRoles.AUDITOR, ListRoles.ADMIN })
    @Operation(summary = "Suppressed numbers per program (and global)")
    public Counts counts() {
        return new Counts(index.counts().await().atMost(TIMEOUT));
    }

    @POST
    @Path("/import")
    @Blocking
    @Consumes({ CsvExport.CSV, MediaType.TEXT_PLAIN })
    @RolesAllowed({ ListRoles.COMPLIANCE_OFFICER, ListRoles.ADMIN })
    @Operation(summary = "Bulk opt-outs and lifts as streamed CSV; bad rows reported by line number")
    public CsvImport.Report importCsv(InputStream csv) {
        return csvImport.read(csv, ListRoles.actor(identity));
    }

    @GET
    @Path("/export")
    @Blocking
    @Produces(CsvExport.CSV)
    @RolesAllowed({ ListRoles.COMPLIANCE_OFFICER, ListRoles.AUDITOR, ListRoles.ADMIN })
    @Operation(summary = "The suppressed numbers of one program (or of ALL) as streamed CSV, in the import's columns")
    public StreamingOutput export(@QueryParam("programId") String programId, @QueryParam("scope") String scope) {
        boolean all = scope != null && (scope.equalsIgnoreCase("ALL") || scope.equalsIgnoreCase("GLOBAL"));
        if (!all && (programId == null || programId.isBlank())) {
            throw new InvalidListRequest("give programId, or scope=ALL for the global list");
        }
        String field = all ? SuppressionScope.GLOBAL : SuppressionScope.program(programId.strip());
        boolean full = ListRoles.seesFullNumbers(identity);
        return out -> csvExport.write(field, all ? null : programId.strip(), full, out);
    }
}
