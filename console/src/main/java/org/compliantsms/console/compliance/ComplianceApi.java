package org.compliantsms.console.compliance;

import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * compliance-service's suppression lists, consent, timeline and erasure (docs/compliance.md), called with the
 * signed-in user's token: the service decides who may read what, and masks numbers for the roles that may not see
 * them whole.
 */
@RegisterRestClient(configKey = "compliance-service")
public interface ComplianceApi {

    @GET
    @Path("/lists/suppression/numbers/{number}")
    Response suppression(@HeaderParam("Authorization") String bearer, @PathParam("number") String e164,
            @QueryParam("programId") String programId);

    /** {@code change}: opt-outs or lifts. */
    @POST
    @Path("/lists/suppression/{change}")
    @Consumes(MediaType.APPLICATION_JSON)
    Response change(@HeaderParam("Authorization") String bearer, @PathParam("change") String change,
            Map<String, Object> request);

    @GET
    @Path("/consents/{number}")
    Response consent(@HeaderParam("Authorization") String bearer, @PathParam("number") String e164);

    /** JSON, or CSV with {@code Accept: text/csv}. */
    @GET
    @Path("/numbers/{number}/timeline")
    Response timeline(@HeaderParam("Authorization") String bearer, @HeaderParam("Accept") String accept,
            @PathParam("number") String e164);

    @GET
    @Path("/messages/{id}")
    Response message(@HeaderParam("Authorization") String bearer, @PathParam("id") String messageId);

    @DELETE
    @Path("/numbers/{number}/personal-data")
    Response erase(@HeaderParam("Authorization") String bearer, @PathParam("number") String e164,
            @QueryParam("reason") String reason);
}
