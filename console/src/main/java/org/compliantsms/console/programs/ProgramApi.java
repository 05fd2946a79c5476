package org.compliantsms.console.programs;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
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
}
