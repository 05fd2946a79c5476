package org.compliantsms.campaign.programs;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.compliantsms.campaign.access.Caller;
import org.compliantsms.campaign.access.CallerResolver;
import org.compliantsms.campaign.access.Roles;
import org.compliantsms.events.Identifiers;
import org.compliantsms.events.Program;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;

/**
 * Programs: an admin defines them; a campaign-sender reads the programs its token lists, an auditor every one.
 * Every change is published on the compacted sms.programs.v1 (inbound and compliance read it).
 */
@Path("/programs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Programs")
@APIResponse(responseCode = "401", description = "No bearer token, or one that is expired, badly signed or from another issuer")
@APIResponse(responseCode = "403", description = "The token's roles or programs do not allow this")
public class ProgramResource {
    private final ProgramStore store;
    private final ProgramPublisher publisher;
    private final CallerResolver callers;

    public ProgramResource(ProgramStore store, ProgramPublisher publisher, CallerResolver callers) {
        this.store = store;
        this.publisher = publisher;
        this.callers = callers;
    }

    @PUT
    @Path("/{programId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create or replace a program", description = "Stores a new version of the program and "
            + "publishes it on sms.programs.v1. A number or short code belongs to one program only.")
    @APIResponse(responseCode = "200", description = "Stored; published tells whether Kafka acknowledged it yet",
            content = @Content(schema = @Schema(implementation = ProgramView.class)))
    @APIResponse(responseCode = "400", description = "Invalid: every problem is listed, nothing is stored")
    @APIResponse(responseCode = "409", description = "One of its numbers or short codes is another program's")
    public Uni<Response> put(@PathParam("programId") String programId, ProgramDefinition definition) {
        List<String> problems = ProgramValidator.problems(programId, definition);
        if (!problems.isEmpty()) {
            return Uni.createFrom().item(Response.status(Response.Status.BAD_REQUEST)
                    .entity(Map.of("error", "invalid program", "problems", problems)).build());
        }
        return store.put(programId, definition)
                .chain(program -> published(program).map(view -> Response.ok(view).build()))
                .onFailure(SenderTakenException.class).recoverWithItem(e -> {
                    SenderTakenException taken = (SenderTakenException) e;
                    return Response.status(Response.Status.CONFLICT).entity(Map.of("error", "sender " + taken.sender()
                            + " belongs to program " + taken.owner() + ": a number or short code has one program",
                            "sender", taken.sender(), "program", taken.owner())).build();
                });
    }

    @GET
    @RolesAllowed({ Roles.CAMPAIGN_SENDER, Roles.AUDITOR, Roles.ADMIN })
    @Operation(summary = "The programs the token may read", description = "Every program for an admin or an "
            + "auditor; those its token lists for a campaign-sender.")
    @APIResponse(responseCode = "200", description = "The programs",
            content = @Content(schema = @Schema(implementation = Program[].class)))
    public Uni<List<Program>> list() {
        Caller caller = callers.current();
        return store.list().map(programs -> programs.stream().filter(p -> caller.mayRead(p.programId())).toList());
    }

    @GET
    @Path("/{programId}")
    @RolesAllowed({ Roles.CAMPAIGN_SENDER, Roles.AUDITOR, Roles.ADMIN })
    @Operation(summary = "A program")
    @APIResponse(responseCode = "200", description = "The program",
            content = @Content(schema = @Schema(implementation = Program.class)))
    @APIResponse(responseCode = "404", description = "No such program")
    public Uni<Response> get(@PathParam("programId") String programId) {
        if (!Identifiers.isProgramId(programId)) {
            return Uni.createFrom().item(noSuchProgram(programId));
        }
        Caller caller = callers.current();
        if (!caller.mayRead(programId)) {
            return Uni.createFrom().item(forbidden(programId));
        }
        return store.find(programId).map(program -> program.map(p -> Response.ok(p).build())
                .orElseGet(() -> Response.status(Response.Status.NOT_FOUND).build()));
    }

    @DELETE
    @Path("/{programId}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete a program", description = "Its senders are free again; a tombstone is published on "
            + "sms.programs.v1. Its campaigns stay readable.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such program")
    public Uni<Response> delete(@PathParam("programId") String programId) {
        if (!Identifiers.isProgramId(programId)) {
            return Uni.createFrom().item(noSuchProgram(programId));
        }
        return store.delete(programId).chain(deleted -> !deleted
                ? Uni.createFrom().item(Response.status(Response.Status.NOT_FOUND).build())
                : Uni.createFrom().completionStage(publisher.flush()).replaceWith(Response.noContent().build()));
    }

    private Uni<ProgramView> published(Program program) {
        return Uni.createFrom().completionStage(publisher.flush())
                .chain(() -> store.publishedVersion(program.programId()))
                .map(version -> new ProgramView(program, version >= program.version()));
    }

    private static Response noSuchProgram(String programId) {
        return Response.status(Response.Status.NOT_FOUND)
                .entity(Map.of("error", "no program " + programId + ": not a program id")).build();
    }

    static Response forbidden(String programId) {
        return Response.status(Response.Status.FORBIDDEN)
                .entity(Map.of("error", "this token may not use program " + programId)).build();
    }
}
