package org.compliantsms.inbound.review;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.compliantsms.inbound.access.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.common.annotation.Blocking;

/**
 * The replies kept for review, newest first: what support must look at and, for opt-outs, act on. They hold
 * numbers and texts: compliance officers, auditors and admins only.
 */
@Path("/review/replies")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Review")
@RolesAllowed({ Roles.COMPLIANCE_OFFICER, Roles.AUDITOR, Roles.ADMIN })
public class ReviewResource {
    private static final int MAX = 1000;

    private final ReviewStore review;

    public ReviewResource(ReviewStore review) {
        this.review = review;
    }

    @GET
    @Blocking
    @Operation(summary = "Replies kept for review, newest first", description = "Replies nothing automatic could "
            + "handle: unattributable senders, unknown destinations, ambiguous texts. An opt-out among them must be "
            + "applied by hand. At most 1000.")
    @APIResponse(responseCode = "200", description = "The latest replies kept for review")
    @APIResponse(responseCode = "401", description = "No bearer token, or one that is expired, badly signed or from another issuer")
    @APIResponse(responseCode = "403", description = "The token has none of the roles compliance-officer, auditor, admin")
    public List<ReviewItem> latest(@QueryParam("limit") @DefaultValue("100") int limit) {
        return review.latest(Math.max(1, Math.min(limit, MAX)));
    }
}
