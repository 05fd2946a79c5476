package org.compliantsms.console.compliance;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.GenericType;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.compliantsms.console.session.CurrentUser;
import org.compliantsms.console.session.Roles;
import org.compliantsms.console.web.Upstream;
import org.compliantsms.events.PhoneNumbers;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** "Look up a number": what the platform's APIs on main say about one number. */
@Path("/compliance/lookup")
@Produces(MediaType.TEXT_HTML)
public class LookupPage {
    /** inbound-service's maximum page of review replies. */
    static final int REVIEW_LIMIT = 1000;

    private final ReviewApi review;
    private final CurrentUser user;

    public LookupPage(@RestClient ReviewApi review, CurrentUser user) {
        this.review = review;
        this.user = user;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance lookup(String number, String numberError, String e164,
                List<ReviewedReply> replies, String reviewProblem);
    }

    @GET
    @RolesAllowed({ Roles.COMPLIANCE_OFFICER, Roles.AUDITOR, Roles.ADMIN })
    public Response lookup(@QueryParam("number") String number, @QueryParam("region") String region) {
        String typed = number == null ? "" : number.strip();
        if (typed.isEmpty()) {
            return Response.ok(Templates.lookup("", null, null, List.of(), null)).build();
        }
        String e164;
        try {
            e164 = PhoneNumbers.fromAnyForm(typed, region == null || region.isBlank() ? null : region.strip());
        } catch (PhoneNumbers.InvalidNumberException e) {
            return Response.status(Response.Status.BAD_REQUEST).entity(Templates.lookup(typed, "Not a phone number: "
                    + "write it in international form, e.g. +33612345678.", null, List.of(), null)).build();
        }
        try (Response answer = review.replies(user.bearer(), REVIEW_LIMIT)) {
            if (answer.getStatus() != 200) {
                return Response.ok(Templates.lookup(typed, null, e164, List.of(), "inbound-service: "
                        + Upstream.describe(answer))).build();
            }
            List<ReviewedReply> replies = answer.readEntity(new GenericType<List<ReviewedReply>>() {
            }).stream().filter(reply -> e164.equals(reply.sender()) || e164.substring(1).equals(reply.sender()))
                    .toList();
            return Response.ok(Templates.lookup(typed, null, e164, replies, null)).build();
        }
    }
}
