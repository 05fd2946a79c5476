package org.compliantsms.compliance.erasure;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.compliantsms.compliance.timeline.Numbers;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;

/**
 * GDPR erasure of one person. Irreversible: admins and the data-protection role (the person who handles
 * data-subject requests, who needs no other power) only.
 */
@Path("/numbers/{e164}/personal-data")
@RolesAllowed({ "data-protection", "admin" })
public class ErasureResource {
    private static final int MAX_REASON = 500;

    private final Erasure erasure;
    private final SecurityIdentity identity;

    public ErasureResource(Erasure erasure, SecurityIdentity identity) {
        this.erasure = erasure;
        this.identity = identity;
    }

    @DELETE
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    @Operation(summary = "Erase a person's personal data; the number stays suppressed, under a keyed hash")
    @APIResponse(responseCode = "200", description = "what was removed, and the scopes that stay suppressed")
    @APIResponse(responseCode = "400", description = "not a number in E.164 form, or no reason given")
    public Erasure.Erased erase(@PathParam("e164") String e164, @QueryParam("reason") String reason) {
        String number = Numbers.requireE164(e164);
        if (reason == null || reason.isBlank() || reason.length() > MAX_REASON) {
            throw new BadRequestException(Response.status(400).type(MediaType.APPLICATION_JSON)
                    .entity(new Numbers.Problem("a reason is required (query parameter reason, at most " + MAX_REASON
                            + " characters), e.g. reason=data-subject request 2026-118"))
                    .build());
        }
        return erasure.erase(number, identity.getPrincipal().getName(), reason.strip());
    }
}
