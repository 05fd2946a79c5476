package org.compliantsms.dispatch.receipts;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.common.annotation.Blocking;

/**
 * Receipts that matched no message: how many are kept, and the latest, newest first. They hold numbers: compliance
 * officers, auditors and admins only (the roles of docs/security.md).
 */
@Path("/review/receipts")
@RolesAllowed({ "compliance-officer", "auditor", "admin" })
@Produces(MediaType.APPLICATION_JSON)
public class ReceiptReviewResource {
    private final ReceiptReview review;

    public ReceiptReviewResource(ReceiptReview review) {
        this.review = review;
    }

    @GET
    @Blocking
    public Page latest(@QueryParam("limit") @DefaultValue("100") int limit) {
        return new Page(review.kept(), review.latest(Math.max(1, Math.min(limit, 1000))));
    }

    /**
     * @param kept how many are kept (at most dispatch.receipts.review-max)
     * @param latest at most {@code limit} of them, newest first
     */
    public record Page(long kept, List<UnmatchedReceipt> latest) {
    }
}
