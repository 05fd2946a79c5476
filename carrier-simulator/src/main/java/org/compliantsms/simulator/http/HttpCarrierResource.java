package org.compliantsms.simulator.http;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.compliantsms.events.PhoneNumbers;
import org.compliantsms.simulator.behaviour.Behaviour;
import org.compliantsms.simulator.behaviour.BehaviourSettings;
import org.compliantsms.simulator.rate.SubmitRate;
import org.compliantsms.simulator.receipts.CarrierIds;
import org.compliantsms.simulator.receipts.ReceiptPlan;
import org.compliantsms.simulator.receipts.ReceiptSettings;
import org.compliantsms.simulator.record.RecordFile;
import org.compliantsms.simulator.smpp.MessageStore;
import org.compliantsms.simulator.smpp.SubmittedMessage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/**
 * The HTTP carrier mode: a REST submit as carriers with a JSON API have one. {@code POST /carrier/messages}
 * {@code {messageId, from, to, text, encoding, segments}} with the configured auth header is stored and counted like
 * an SMPP submit (GET /admin/messages, /admin/messages/count) and answered {@code 202 {"id": "<carrier id>"}}; the
 * behaviour knobs refuse it as HTTP answers (a throttling or system status: 429 / 503; any other: 400) or answer late;
 * the carrier's rate limit (PUT /admin/rate, shared with the SMPP submits) answers 429 with Retry-After beyond it;
 * its receipt is posted to the webhook after the receipt delay, with an outcome from the receipt mix.
 */
@Path("/carrier")
@Tag(name = "HTTP carrier")
public class HttpCarrierResource {
    private static final Logger LOG = Logger.getLogger(HttpCarrierResource.class);

    private final HttpCarrierConfig config;
    private final MessageStore store;
    private final RecordFile record;
    private final BehaviourSettings behaviour;
    private final CarrierIds ids;
    private final ReceiptSettings receipts;
    private final HttpReceiptSender sender;
    private final SubmitRate rate;

    public HttpCarrierResource(HttpCarrierConfig config, MessageStore store, RecordFile record,
            BehaviourSettings behaviour, CarrierIds ids, ReceiptSettings receipts, HttpReceiptSender sender,
            SubmitRate rate) {
        this.rate = rate;
        this.config = config;
        this.store = store;
        this.record = record;
        this.behaviour = behaviour;
        this.ids = ids;
        this.receipts = receipts;
        this.sender = sender;
    }

    @POST
    @Path("/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit a message as to a REST carrier (HTTP carrier mode)")
    public CompletionStage<Response> submit(SubmitRequest request, @Context HttpHeaders headers) {
        if (config.authValue().isPresent()
                && !config.authValue().get().equals(headers.getHeaderString(config.authHeader()))) {
            return answer(Response.status(Response.Status.UNAUTHORIZED)
                    .entity(Map.of("error", config.authHeader() + " missing or wrong")).build(), 0);
        }
        if (request == null || blank(request.to()) || !request.to().matches("\\+[1-9][0-9]{6,14}")
                || request.text() == null) {
            return answer(Response.status(Response.Status.BAD_REQUEST)
                    .entity(Map.of("error", "to (E.164) and text are required")).build(), 0);
        }
        if (rate.admit() == SubmitRate.ESME_RTHROTTLED) {
            // As REST carriers answer a client over its rate: 429 with when to come back (the next second).
            return answer(Response.status(429).header("Retry-After", "1")
                    .entity(Map.of("error", "rate limit exceeded", "smppStatus", SubmitRate.ESME_RTHROTTLED))
                    .build(), 0);
        }
        String to = request.to();
        Behaviour knobs = behaviour.current();
        long delayMs = 0;
        if (!knobs.normal()) {
            int status = behaviour.refusalFor(to);
            if (status != 0) {
                return answer(Response.status(httpStatus(status))
                        .entity(Map.of("error", "refused by the simulator's behaviour knobs", "smppStatus", status))
                        .build(), 0);
            }
            delayMs = knobs.responseDelayMsFor(to);
        }
        ReceiptPlan plan = receipts.current();
        CarrierIds.Ids carrierIds = ids.next(plan.idFormat());
        int dataCoding = "UCS2".equalsIgnoreCase(request.encoding()) ? 8 : 0;
        SubmittedMessage message = new SubmittedMessage(carrierIds.submitted(), "http", request.from(), to,
                request.text(), dataCoding, true, Instant.now());
        store.add(message);
        record.append(message);
        if (plan.enabled()) {
            sender.schedule(carrierIds.inReceipt(), to, request.from(), plan.outcomeFor(to,
                    ThreadLocalRandom.current()), delayMs + plan.delayMs());
        }
        if (LOG.isDebugEnabled()) {
            LOG.debugf("HTTP submit %s to %s, answered in %d ms", carrierIds.submitted(), PhoneNumbers.mask(to),
                    delayMs);
        }
        return answer(Response.accepted(Map.of("id", carrierIds.submitted())).build(), delayMs);
    }

    /** A throttling or system status means "later" (as SMPP's transient ones), anything else "never". */
    static int httpStatus(int smppStatus) {
        return switch (smppStatus) {
            case 0x58 -> 429;
            case 0x08, 0x14, 0x45, 0x64, 0xFE -> 503;
            default -> 400;
        };
    }

    private static CompletionStage<Response> answer(Response response, long delayMs) {
        if (delayMs <= 0) {
            return CompletableFuture.completedFuture(response);
        }
        return CompletableFuture.supplyAsync(() -> response,
                CompletableFuture.delayedExecutor(delayMs, TimeUnit.MILLISECONDS));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** What a client submits; {@code encoding} GSM7 or UCS2, {@code messageId} its own reference. */
    public record SubmitRequest(String messageId, String from, String to, String text, String encoding,
            Integer segments) {
    }

}
