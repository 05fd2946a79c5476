package org.compliantsms.console.programs;

import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** campaign-service's programs (docs/campaigns.md): admins and auditors read all, a campaign-sender its own. */
@RegisterRestClient(configKey = "campaign-service")
@Path("/programs")
@Produces(MediaType.APPLICATION_JSON)
public interface ProgramApi {

    /** A JSON array of events' {@code Program}. */
    @GET
    Response list(@HeaderParam("Authorization") String bearer);

    /** A new version of the program (admin): its whole definition. */
    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    Response put(@HeaderParam("Authorization") String bearer, @PathParam("id") String programId,
            Map<String, Object> definition);
}
