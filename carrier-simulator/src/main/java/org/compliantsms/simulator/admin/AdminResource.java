package org.compliantsms.simulator.admin;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.compliantsms.simulator.record.RecordFile;
import org.compliantsms.simulator.smpp.MessageStore;
import org.compliantsms.simulator.smpp.MessageStore.DestinationCount;
import org.compliantsms.simulator.smpp.Reassembly;
import org.compliantsms.simulator.smpp.SessionStats;
import org.compliantsms.simulator.smpp.SmscServer;
import org.compliantsms.simulator.smpp.SubmittedMessage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.TypeOfNumber;

import io.smallrye.common.annotation.Blocking;

/**
 * The simulator's HTTP admin: what the carrier received, and replies to inject as if from a handset. No
 * authentication: the simulator's HTTP listens on loopback only (quarkus.http.host, docs/security.md).
 */
@Path("/admin")
@Tag(name = "Simulator admin")
public class AdminResource {
    private final MessageStore store;
    private final SmscServer server;
    private final SessionStats stats;
    private final RecordFile record;
    private final Reassembly reassembly;

    public AdminResource(MessageStore store, SmscServer server, SessionStats stats, RecordFile record,
            Reassembly reassembly) {
        this.store = store;
        this.server = server;
        this.stats = stats;
        this.record = record;
        this.reassembly = reassembly;
    }

    /** Submitted messages, oldest first; {@code to} filters by destination (E.164). */
    @GET
    @Path("/messages")
    @Operation(summary = "Submitted messages, oldest first (to: one destination)")
    public List<SubmittedMessage> messages(@QueryParam("to") String to, @QueryParam("limit") Integer limit) {
        return store.find(to, limit == null ? 1000 : Math.max(0, limit));
    }

    /** Accepted since the last clear, for {@code to} (every destination without it); O(1). */
    @GET
    @Path("/messages/count")
    @Operation(summary = "How many were accepted since the last clear (to: one destination)")
    public DestinationCount count(@QueryParam("to") String to) {
        return store.count(to);
    }

    @DELETE
    @Path("/messages")
    @Operation(summary = "Forget the stored messages and the per-session counts")
    public Response clear() {
        store.clear();
        stats.reset();
        reassembly.clear();
        return Response.noContent().build();
    }

    @GET
    @Path("/stats")
    @Operation(summary = "Accepted submit_sm in total and per bound session")
    public Stats stats() {
        Map<String, Long> perSession = stats.perSession();
        return new Stats(store.total(), stats.submits(), perSession.size(), perSession);
    }

    /** Concatenated messages: reassembled, waiting for parts, and what was wrong with their parts. */
    @GET
    @Path("/concatenation")
    public Reassembly.Counts concatenation() {
        return reassembly.counts();
    }

    /** Returns once every message accepted before the call is written to the record file. */
    @POST
    @Path("/flush")
    @Operation(summary = "Returns once every message accepted before the call is in the record file")
    public Response flush() throws IOException {
        record.flush();
        return Response.noContent().build();
    }

    @GET
    @Path("/sessions")
    @Operation(summary = "The bound SMPP sessions")
    public List<String> sessions() {
        return server.boundSessions().stream().map(s -> s.getSessionId() + " " + s.getSessionState()).toList();
    }

    /** A reply from a handset: delivered with deliver_sm to a bound receiver/transceiver session. */
    @POST
    @Path("/inbound")
    @Operation(summary = "Deliver a reply from a handset (deliver_sm) to a bound session")
    @Blocking
    public Response inbound(InboundRequest request) throws Exception {
        if (request == null || blank(request.from()) || blank(request.to()) || request.text() == null) {
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity(Map.of("error", "from, to and text are required")).build();
        }
        Optional<String> deliveredOn;
        if (request.ton() == null) {
            deliveredOn = server.deliverMobileOriginated(request.from(), request.to(), request.text());
        } else {
            TypeOfNumber ton;
            NumberingPlanIndicator npi;
            try {
                ton = TypeOfNumber.valueOf(request.ton().byteValue());
                npi = NumberingPlanIndicator.valueOf(request.npi() == null ? (byte) 1 : request.npi().byteValue());
            } catch (IllegalArgumentException e) {
                return Response.status(Response.Status.BAD_REQUEST)
                        .entity(Map.of("error", "ton and npi must be SMPP values: " + e.getMessage())).build();
            }
            deliveredOn = server.deliverMobileOriginated(request.from(), ton, npi, request.to(), request.text());
        }
        return deliveredOn
                .map(session -> Response.accepted(Map.of("deliveredOn", session)).build())
                .orElseGet(() -> Response.status(Response.Status.SERVICE_UNAVAILABLE)
                        .entity(Map.of("error", "no SMPP session is bound to receive it")).build());
    }

    /**
     * @param from E.164, sent as international (TON 1) without the plus; or, with {@code ton}, the source address
     *            exactly as given
     * @param ton SMPP type of number of the source address (0 unknown, 1 international, 2 national, 5 alphanumeric...)
     * @param npi SMPP numbering plan indicator (default 1, ISDN)
     */
    public record InboundRequest(String from, String to, String text, Integer ton, Integer npi) {
    }

    /**
     * @param total messages accepted (a long message counts once, when its last part arrived)
     * @param submits submit_sm accepted (every part of a long message counts)
     * @param sessions bound SMPP sessions
     * @param perSession accepted submit_sm per bound session id, since the last clear
     */
    public record Stats(long total, long submits, int sessions, Map<String, Long> perSession) {
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
