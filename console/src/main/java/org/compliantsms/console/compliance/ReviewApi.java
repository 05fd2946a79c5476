package org.compliantsms.console.compliance;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * inbound-service's replies kept for review (docs/api.md), the one per-number record a compliance officer can read
 * on main today. The suppression list (lookup, add or lift an opt-out) and the timeline get their own interfaces
 * here when their APIs are merged.
 */
@RegisterRestClient(configKey = "inbound-service")
@Path("/review")
@Produces(MediaType.APPLICATION_JSON)
public interface ReviewApi {

    @GET
    @Path("/replies")
    Response replies(@HeaderParam("Authorization") String bearer, @QueryParam("limit") int limit);
}
