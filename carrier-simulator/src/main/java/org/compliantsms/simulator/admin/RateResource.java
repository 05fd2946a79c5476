package org.compliantsms.simulator.admin;

import java.util.Map;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.compliantsms.simulator.rate.SubmitRate;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The carrier's throttle (submit_sm per second, ESME_RTHROTTLED above it) and the busiest second it saw. */
@Path("/admin/rate")
@Tag(name = "Simulator admin")
public class RateResource {
    private final SubmitRate rate;

    public RateResource(SubmitRate rate) {
        this.rate = rate;
    }

    @GET
    @Operation(summary = "The limit in force and the most submit_sm seen in one second since the last reset")
    public SubmitRate.Counts counts() {
        return rate.counts();
    }

    /** Sets the limit ({@code {"perSecond": 50}}, 0 for none); what was measured stays. */
    @PUT
    @Operation(summary = "Set the limit: submit_sm accepted per second, ESME_RTHROTTLED above it (0: none)")
    public Response limit(Limit limit) {
        if (limit == null || limit.perSecond() == null || limit.perSecond() < 0) {
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity(Map.of("error", "a JSON body {\"perSecond\": <0 or more>} is required")).build();
        }
        rate.limit(limit.perSecond());
        return Response.ok(rate.counts()).build();
    }

    @DELETE
    @Operation(summary = "Forget the measured counts (the limit stays)")
    public Response reset() {
        rate.reset();
        return Response.noContent().build();
    }

    /** @param perSecond submit_sm accepted per second at most; 0 for no limit */
    public record Limit(Integer perSecond) {
    }
}
