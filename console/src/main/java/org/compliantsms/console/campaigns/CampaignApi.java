package org.compliantsms.console.campaigns;

import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * campaign-service's campaign API (docs/api.md), called with the signed-in user's token. Answers are read as
 * {@link Response}s so that 400, 403 and 404 reach the page that explains them. New endpoints (pause, resume,
 * cancel, a list, the report) are one method each here.
 */
@RegisterRestClient(configKey = "campaign-service")
@Path("/campaigns")
@Produces(MediaType.APPLICATION_JSON)
public interface CampaignApi {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    Response create(@HeaderParam("Authorization") String bearer, Map<String, Object> campaign);

    @GET
    @Path("/{id}")
    Response get(@HeaderParam("Authorization") String bearer, @PathParam("id") String id);

    @GET
    @Path("/{id}/messages")
    Response messages(@HeaderParam("Authorization") String bearer, @PathParam("id") String id);
}
