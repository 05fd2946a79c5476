package org.compliantsms.simulator.admin;

import java.util.Map;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.compliantsms.simulator.behaviour.Behaviour;
import org.compliantsms.simulator.behaviour.BehaviourSettings;

/** Knobs for tests: answer some destinations late, or refuse them with an SMPP error. */
@Path("/admin/behaviour")
public class BehaviourResource {
    private final BehaviourSettings settings;

    public BehaviourResource(BehaviourSettings settings) {
        this.settings = settings;
    }

    @GET
    public Behaviour current() {
        return settings.current();
    }

    /** Replaces every knob: a field left out is reset. */
    @PUT
    public Response replace(Behaviour behaviour) {
        if (behaviour == null) {
            return badRequest("a JSON body {\"responseDelayMs\": {...}, \"errorStatus\": {...}} is required");
        }
        return behaviour.problem().map(BehaviourResource::badRequest).orElseGet(() -> {
            settings.set(behaviour);
            return Response.ok(behaviour).build();
        });
    }

    @DELETE
    public Response reset() {
        settings.reset();
        return Response.noContent().build();
    }

    private static Response badRequest(String error) {
        return Response.status(Response.Status.BAD_REQUEST).entity(Map.of("error", error)).build();
    }
}
