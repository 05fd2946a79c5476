package org.compliantsms.inbound.review;

import java.util.List;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.common.annotation.Blocking;

/** The replies kept for review, newest first: what support must look at and, for opt-outs, act on. */
@Path("/review/replies")
@Produces(MediaType.APPLICATION_JSON)
public class ReviewResource {
    private static final int MAX = 1000;

    private final ReviewStore review;

    public ReviewResource(ReviewStore review) {
        this.review = review;
    }

    @GET
    @Blocking
    public List<ReviewItem> latest(@QueryParam("limit") @DefaultValue("100") int limit) {
        return review.latest(Math.max(1, Math.min(limit, MAX)));
    }
}
