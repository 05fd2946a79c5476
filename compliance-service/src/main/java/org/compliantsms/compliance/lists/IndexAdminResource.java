package org.compliantsms.compliance.lists;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.compliantsms.suppression.IndexRebuilder;
import org.compliantsms.suppression.IndexStatus;
import org.eclipse.microprofile.openapi.annotations.Operation;

import io.smallrye.common.annotation.Blocking;

/**
 * The suppression index's rebuild from sms.suppression.v1, for admins (docs/operations.md): its state, and a rebuild
 * on request. While it runs, lookups fail closed (screening and dispatch wait; readiness is DOWN).
 */
@Path("/admin/suppression-index")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(ListRoles.ADMIN)
public class IndexAdminResource {
    private final IndexRebuilder rebuilder;

    public IndexAdminResource(IndexRebuilder rebuilder) {
        this.rebuilder = rebuilder;
    }

    @GET
    @Operation(summary = "The index's state as this replica sees it: COMPLETE, REBUILDING, WAITING, REDIS_DOWN")
    public IndexStatus status() {
        return rebuilder.status();
    }

    @POST
    @Path("/rebuild")
    @Blocking
    @Operation(summary = "Rebuild the index from sms.suppression.v1 (starts within a second; poll the state)")
    public Response rebuild() {
        rebuilder.requestRebuild();
        return Response.accepted(rebuilder.status()).build();
    }
}
