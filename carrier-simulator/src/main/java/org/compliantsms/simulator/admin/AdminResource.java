package org.compliantsms.simulator.admin;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.compliantsms.simulator.smpp.MessageStore;
import org.compliantsms.simulator.smpp.SmscServer;
import org.compliantsms.simulator.smpp.SubmittedMessage;

import io.smallrye.common.annotation.Blocking;

/** The simulator's HTTP admin: what the carrier received, and replies to inject as if from a handset. */
@Path("/admin")
public class AdminResource {
    private final MessageStore store;
    private final SmscServer server;

    public AdminResource(MessageStore store, SmscServer server) {
        this.store = store;
        this.server = server;
    }

    /** Submitted messages, oldest first; {@code to} filters by destination (E.164). */
    @GET
    @Path("/messages")
    public List<SubmittedMessage> messages(@QueryParam("to") String to, @QueryParam("limit") Integer limit) {
        return store.find(byDestination(to), limit == null ? 1000 : limit);
    }

    @GET
    @Path("/messages/count")
    public Map<String, Long> count(@QueryParam("to") String to) {
        return Map.of("count", store.count(byDestination(to)), "total", store.total());
    }

    @DELETE
    @Path("/messages")
    public Response clear() {
        store.clear();
        return Response.noContent().build();
    }

    @GET
    @Path("/sessions")
    public List<String> sessions() {
        return server.boundSessions().stream().map(s -> s.getSessionId() + " " + s.getSessionState()).toList();
    }

    /** A reply from a handset: delivered with deliver_sm to a bound receiver/transceiver session. */
    @POST
    @Path("/inbound")
    @Blocking
    public Response inbound(InboundRequest request) throws Exception {
        if (request == null || blank(request.from()) || blank(request.to()) || request.text() == null) {
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity(Map.of("error", "from, to and text are required")).build();
        }
        return server.deliverMobileOriginated(request.from(), request.to(), request.text())
                .map(session -> Response.accepted(Map.of("deliveredOn", session)).build())
                .orElseGet(() -> Response.status(Response.Status.SERVICE_UNAVAILABLE)
                        .entity(Map.of("error", "no SMPP session is bound to receive it")).build());
    }

    public record InboundRequest(String from, String to, String text) {
    }

    private static Predicate<SubmittedMessage> byDestination(String to) {
        return m -> to == null || to.equals(m.to());
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
