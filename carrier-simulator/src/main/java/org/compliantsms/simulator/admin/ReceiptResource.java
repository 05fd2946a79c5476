package org.compliantsms.simulator.admin;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.compliantsms.simulator.receipts.Outcome;
import org.compliantsms.simulator.receipts.PlannedReceipt;
import org.compliantsms.simulator.receipts.ReceiptForm;
import org.compliantsms.simulator.receipts.ReceiptPlan;
import org.compliantsms.simulator.receipts.ReceiptSender;
import org.compliantsms.simulator.receipts.ReceiptSettings;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Delivery receipts: the knobs (delay, id format, form, outcome mix per prefix), counts, and injection. */
@Path("/admin")
public class ReceiptResource {
    private final ReceiptSettings settings;
    private final ReceiptSender sender;

    public ReceiptResource(ReceiptSettings settings, ReceiptSender sender) {
        this.settings = settings;
        this.sender = sender;
    }

    @GET
    @Path("/receipts/behaviour")
    public ReceiptPlan current() {
        return settings.current();
    }

    /** Replaces every receipt knob (a field left out takes its default: off, no delay, HEX, BOTH, DELIVRD). */
    @PUT
    @Path("/receipts/behaviour")
    public Response replace(ReceiptPlan plan) {
        if (plan == null) {
            return badRequest("a JSON body {\"enabled\": true, \"delayMs\": 500, \"idFormat\": \"HEX\", \"form\": "
                    + "\"BOTH\", \"outcomes\": {\"*\": [{\"stat\": \"DELIVRD\", \"err\": \"000\", \"weight\": 1}]}}"
                    + " is required");
        }
        return plan.problem().map(ReceiptResource::badRequest).orElseGet(() -> {
            settings.set(plan);
            return Response.ok(plan).build();
        });
    }

    /** Back to the configured knobs. */
    @DELETE
    @Path("/receipts/behaviour")
    public Response reset() {
        settings.reset();
        return Response.noContent().build();
    }

    @GET
    @Path("/receipts/stats")
    public ReceiptSender.Counts counts() {
        return sender.counts();
    }

    @DELETE
    @Path("/receipts/stats")
    public Response resetCounts() {
        sender.resetCounts();
        return Response.noContent().build();
    }

    @DELETE
    @Path("/receipts/pending")
    @Operation(summary = "Forget every receipt not acknowledged yet (for tests)")
    public Response forgetPending() {
        sender.forgetPending();
        return Response.noContent().build();
    }

    /** Sends a receipt now, for any id (one the simulator never gave out included): for tests. */
    @POST
    @Path("/receipt")
    public Response inject(InjectedReceipt request) {
        if (request == null || request.id() == null || request.id().isBlank()) {
            return badRequest("id (the carrier message id, as the receipt is to write it) is required");
        }
        Outcome outcome = new Outcome(request.stat() == null ? "DELIVRD" : request.stat(), request.err(), 1);
        Optional<String> problem = new ReceiptPlan(true, 0, null, null,
                Map.of(ReceiptPlan.ANY, java.util.List.of(outcome))).problem();
        if (problem.isPresent()) {
            return badRequest(problem.get());
        }
        String handset = request.handset() == null ? "+33700000000" : request.handset();
        PlannedReceipt receipt = new PlannedReceipt(null, handset, request.sender(), request.id(), outcome,
                request.text() == null ? "" : request.text(), Instant.now(),
                request.form() == null ? ReceiptForm.BOTH : request.form());
        return sender.sendNow(receipt)
                .map(session -> Response.accepted(Map.of("deliveredOn", session)).build())
                .orElseGet(() -> Response.status(Response.Status.SERVICE_UNAVAILABLE)
                        .entity(Map.of("error", "no SMPP session is bound to receive it")).build());
    }

    /**
     * @param id the carrier message id as the receipt writes it
     * @param stat DELIVRD (default), UNDELIV, EXPIRED, REJECTD, DELETED, UNKNOWN, ACCEPTD, ENROUTE
     * @param err the error code, 000 by default
     * @param form TEXT, TLV or BOTH (default)
     * @param handset the receipt's source address (E.164)
     * @param sender the receipt's destination address
     */
    public record InjectedReceipt(String id, String stat, String err, ReceiptForm form, String handset,
            String sender, String text) {
    }

    private static Response badRequest(String error) {
        return Response.status(Response.Status.BAD_REQUEST).entity(Map.of("error", error)).build();
    }
}
