package org.compliantsms.campaign.access;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Whether this request's caller may read or change a campaign (or act for a program): the one place the resources
 * ask. 404 when there is no such campaign, 403 naming the program when the token does not allow it.
 */
@ApplicationScoped
public class CampaignAccess {
    /** What the caller wants to do. */
    public enum Need {
        /** Read a campaign, its messages, report, upload: its program's senders, auditors, admins. */
        READ,
        /** Create, upload to, schedule: its program's senders, admins. */
        CHANGE
    }

    private final CallerResolver callers;
    private final Pool pool;

    public CampaignAccess(CallerResolver callers, Pool pool) {
        this.callers = callers;
        this.pool = pool;
    }

    /** Call on the request's thread (the caller is read from its token before the lookup). */
    public Uni<Optional<Response>> refused(UUID campaignId, Need need) {
        Caller caller = callers.current();
        return pool.preparedQuery("SELECT programid FROM campaigns.campaign WHERE id = $1").execute(Tuple.of(campaignId))
                .map(rows -> rows.size() == 0 ? Optional.of(Response.status(Response.Status.NOT_FOUND).build())
                        : refused(caller, rows.iterator().next().getString("programid"), need));
    }

    /** Call on the request's thread. */
    public Optional<Response> refused(String programId, Need need) {
        return refused(callers.current(), programId, need);
    }

    /** The token's subject. Call on the request's thread. */
    public String subject() {
        return callers.subject();
    }

    /** The caller, read on the request's thread, for a check after an asynchronous step. */
    public Caller caller() {
        return callers.current();
    }

    public static Optional<Response> refused(Caller caller, String programId, Need need) {
        boolean allowed = need == Need.CHANGE ? caller.mayCreateFor(programId) : caller.mayRead(programId);
        return allowed ? Optional.empty() : Optional.of(forbidden(programId));
    }

    public static Response forbidden(String programId) {
        return Response.status(Response.Status.FORBIDDEN)
                .entity(Map.of("error", "this token may not use program " + programId)).build();
    }
}
