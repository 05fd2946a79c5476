package org.compliantsms.dispatch.receipts;

import java.util.List;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.common.annotation.Blocking;

/** Receipts that matched no message, newest first. */
@Path("/review/receipts")
@Produces(MediaType.APPLICATION_JSON)
public class ReceiptReviewResource {
    private static final int MAX = 1000;

    private final ReceiptReview review;

    public ReceiptReviewResource(ReceiptReview review) {
        this.review = review;
    }

    @GET
    @Blocking
    public List<UnmatchedReceipt> latest(@QueryParam("limit") @DefaultValue("100") int limit) {
        return review.latest(Math.max(1, Math.min(limit, MAX)));
    }
}
