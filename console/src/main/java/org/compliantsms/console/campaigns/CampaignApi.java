package org.compliantsms.console.campaigns;

import java.io.File;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * campaign-service's campaign API (docs/campaigns.md), called with the signed-in user's token. Answers are read as
 * {@link Response}s so that 400, 403, 404 and 409 reach the page that explains them.
 */
@RegisterRestClient(configKey = "campaign-service")
@Path("/campaigns")
@Produces(MediaType.APPLICATION_JSON)
public interface CampaignApi {

    /** Without recipients: a DRAFT whose audience is uploaded as CSV. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    Response create(@HeaderParam("Authorization") String bearer, Map<String, Object> campaign);

    @GET
    @Path("/{id}")
    Response get(@HeaderParam("Authorization") String bearer, @PathParam("id") String id);

    @GET
    @Path("/{id}/report")
    Response report(@HeaderParam("Authorization") String bearer, @PathParam("id") String id);

    @GET
    @Path("/{id}/messages")
    Response messages(@HeaderParam("Authorization") String bearer, @PathParam("id") String id,
            @QueryParam("after") int after, @QueryParam("limit") int limit);

    /** Streamed from the console's temporary copy of the browser's upload. */
    @POST
    @Path("/{id}/audience")
    @Consumes("text/csv")
    Response upload(@HeaderParam("Authorization") String bearer, @PathParam("id") String id,
            @QueryParam("defaultRegion") String defaultRegion, File csv);

    @GET
    @Path("/{id}/audience")
    Response upload(@HeaderParam("Authorization") String bearer, @PathParam("id") String id);

    @GET
    @Path("/{id}/audience/rejections")
    Response rejections(@HeaderParam("Authorization") String bearer, @PathParam("id") String id,
            @QueryParam("after") long after, @QueryParam("limit") int limit);

    @POST
    @Path("/preview")
    @Consumes(MediaType.APPLICATION_JSON)
    Response preview(@HeaderParam("Authorization") String bearer, Map<String, Object> preview);

    /** {@code action}: send (with a body), pause, resume or cancel. */
    @POST
    @Path("/{id}/schedule/{action}")
    @Consumes(MediaType.APPLICATION_JSON)
    Response schedule(@HeaderParam("Authorization") String bearer, @PathParam("id") String id,
            @PathParam("action") String action, Map<String, Object> body);
}
