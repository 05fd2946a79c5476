package org.compliantsms.simulator.admin;

import java.util.Map;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.compliantsms.simulator.behaviour.Behaviour;
import org.compliantsms.simulator.behaviour.BehaviourSettings;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Knobs for tests: answer some destinations late, or refuse them with an SMPP error (by number, by prefix for the
 * first few attempts or always, or at random with a mix of statuses).
 */
@Path("/admin/behaviour")
@Tag(name = "Simulator admin")
public class BehaviourResource {
    private final BehaviourSettings settings;

    public BehaviourResource(BehaviourSettings settings) {
        this.settings = settings;
    }

    @GET
    @Operation(summary = "The knobs in force")
    public Behaviour current() {
        return settings.current();
    }

    /** Replaces every knob: a field left out is reset. */
    @PUT
    @Operation(summary = "Replace every knob (late answers, SMPP errors per destination)")
    public Response replace(Behaviour behaviour) {
        if (behaviour == null) {
            return badRequest("a JSON body {\"responseDelayMs\": {...}, \"errorStatus\": {...}, "
                    + "\"errorRules\": [...], \"randomErrors\": {...}} is required");
        }
        return behaviour.problem().map(BehaviourResource::badRequest).orElseGet(() -> {
            settings.set(behaviour);
            return Response.ok(behaviour).build();
        });
    }

    /** How many submit_sm to {@code to} the knobs refused since they were last set. */
    @GET
    @Path("/refusals")
    public Response refusals(@QueryParam("to") String to) {
        if (to == null || to.isBlank()) {
            return badRequest("?to=<E.164> is required");
        }
        return Response.ok(Map.of("to", to, "refused", settings.refusalsOf(to.trim()))).build();
    }

    @DELETE
    @Operation(summary = "Reset every knob")
    public Response reset() {
        settings.reset();
        return Response.noContent().build();
    }

    private static Response badRequest(String error) {
        return Response.status(Response.Status.BAD_REQUEST).entity(Map.of("error", error)).build();
    }
}
