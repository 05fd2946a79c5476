package org.compliantsms.testing;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.compliantsms.events.EventCodec;

import com.fasterxml.jackson.core.type.TypeReference;

/** The carrier simulator's HTTP admin, as tests use it: what reached the carrier, and replies to inject. */
public final class SimulatorAdmin {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final String baseUrl;

    public SimulatorAdmin(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /**
     * Messages the carrier accepted for this destination, oldest first (text, carrierMessageId, from, to, parts,
     * partIds...); a long message is one, once all its parts arrived.
     */
    public List<Map<String, Object>> messagesTo(String e164) {
        return get("/admin/messages?to=" + URLEncoder.encode(e164, StandardCharsets.UTF_8),
                new TypeReference<List<Map<String, Object>>>() {
                });
    }

    /** Every message the carrier accepted (up to its storage limit), oldest first. */
    public List<Map<String, Object>> allMessages() {
        return get("/admin/messages?limit=1000000", new TypeReference<List<Map<String, Object>>>() {
        });
    }

    /** How many messages the carrier accepted since it started (a long message counts once, whole). */
    public long total() {
        return ((Number) get("/admin/messages/count", new TypeReference<Map<String, Object>>() {
        }).get("total")).longValue();
    }

    /**
     * What the carrier made of concatenated messages: {@code reassembled}, {@code parts}, {@code pendingMessages},
     * {@code incompleteMessages}, {@code duplicateParts}, {@code mismatchedParts}, {@code splitCharacters},
     * {@code malformedParts}.
     */
    public Map<String, Long> concatenation() {
        Map<String, Object> counts = get("/admin/concatenation", new TypeReference<Map<String, Object>>() {
        });
        Map<String, Long> longs = new TreeMap<>();
        counts.forEach((name, value) -> longs.put(name, ((Number) value).longValue()));
        return longs;
    }

    /** Waits until at least {@code count} messages reached the carrier for this destination. */
    public List<Map<String, Object>> awaitMessagesTo(String e164, int count, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        List<Map<String, Object>> messages = messagesTo(e164);
        while (messages.size() < count && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            messages = messagesTo(e164);
        }
        if (messages.size() < count) {
            throw new AssertionError("expected " + count + " messages at the carrier within " + timeout + ", got "
                    + messages.size());
        }
        return messages;
    }

    /** Injects a reply from a handset; returns the HTTP status (202 delivered on SMPP, 503 no session bound). */
    public int inject(String from, String to, String text) {
        return injectBody(Map.of("from", from, "to", to, "text", text));
    }

    /** Injects a reply whose SMPP source address is {@code sourceAddr} as given, with that type of number. */
    public int inject(String sourceAddr, int ton, String to, String text) {
        return injectBody(Map.of("from", sourceAddr, "ton", ton, "to", to, "text", text));
    }

    private int injectBody(Map<String, Object> fields) {
        String body = new String(EventCodec.encode(fields), StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/admin/inbound"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return send(request).statusCode();
    }

    /**
     * Makes the simulated carrier misbehave for some destinations (E.164, or * for all): answer submit_sm only after
     * {@code responseDelayMs}, or refuse it with {@code errorStatus}.
     */
    public void behave(Map<String, Integer> responseDelayMs, Map<String, Integer> errorStatus) {
        behave(Map.of("responseDelayMs", responseDelayMs, "errorStatus", errorStatus));
    }

    /**
     * Refuses every destination starting with {@code prefix} with {@code status}: the first {@code times} submits to
     * each (0: every one).
     */
    public void refuse(String prefix, int status, int times) {
        behave(Map.of("errorRules", List.of(Map.of("prefix", prefix, "status", status, "times", times))));
    }

    /** Replaces every knob with these (see the simulator's PUT /admin/behaviour). */
    public void behave(Map<String, Object> knobs) {
        String body = new String(EventCodec.encode(knobs), StandardCharsets.UTF_8);
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl + "/admin/behaviour"))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("PUT /admin/behaviour -> " + response.statusCode() + " " + response.body());
        }
    }

    /** How many submit_sm to this destination the knobs refused since they were last set. */
    public int refusalsOf(String e164) {
        return ((Number) get("/admin/behaviour/refusals?to=" + URLEncoder.encode(e164, StandardCharsets.UTF_8),
                new TypeReference<Map<String, Object>>() {
                }).get("refused")).intValue();
    }

    public void behaveNormally() {
        send(HttpRequest.newBuilder(URI.create(baseUrl + "/admin/behaviour")).DELETE().build());
    }

    /**
     * Replaces the receipt knobs (PUT /admin/receipts/behaviour): {@code enabled}, {@code delayMs}, {@code idFormat}
     * (HEX, DECIMAL, HEX_SUBMIT_DECIMAL_RECEIPT), {@code form} (TEXT, TLV, BOTH) and {@code outcomes}: per E.164
     * prefix or *, a list of {@code {stat, err, weight}}.
     */
    public void receipts(Map<String, Object> knobs) {
        expect2xx("PUT /admin/receipts/behaviour", send(HttpRequest.newBuilder(URI.create(baseUrl
                + "/admin/receipts/behaviour")).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(new String(EventCodec.encode(knobs), StandardCharsets.UTF_8)))
                .build()));
    }

    /** Back to the configured receipt knobs. */
    public void receiptsAsConfigured() {
        send(HttpRequest.newBuilder(URI.create(baseUrl + "/admin/receipts/behaviour")).DELETE().build());
    }

    /** Sends a receipt now (POST /admin/receipt): {@code id}, {@code stat}, {@code err}, {@code form}... */
    public void injectReceipt(Map<String, Object> receipt) {
        expect2xx("POST /admin/receipt", send(HttpRequest.newBuilder(URI.create(baseUrl + "/admin/receipt"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        new String(EventCodec.encode(receipt), StandardCharsets.UTF_8))).build()));
    }

    /** The receipt counts: scheduled, sent, acknowledged, refused, unanswered, dropped. */
    public Map<String, Long> receiptCounts() {
        return get("/admin/receipts/stats", new TypeReference<Map<String, Long>>() {
        });
    }

    /** Where the HTTP carrier mode posts its receipts from now on (PUT /admin/http/webhook). */
    public void httpWebhook(String url) {
        expect2xx("PUT /admin/http/webhook", send(HttpRequest.newBuilder(URI.create(baseUrl + "/admin/http/webhook"))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(
                        new String(EventCodec.encode(java.util.Collections.singletonMap("url", url)),
                                StandardCharsets.UTF_8))).build()));
    }

    /** The HTTP carrier mode's receipt counts: scheduled, sent, acknowledged, refused, dropped (and webhookUrl). */
    public Map<String, Object> httpCounts() {
        return get("/admin/http", new TypeReference<Map<String, Object>>() {
        });
    }

    private static void expect2xx(String what, HttpResponse<String> response) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(what + " -> " + response.statusCode() + " " + response.body());
        }
    }

    private <T> T get(String path, TypeReference<T> type) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " -> " + response.statusCode());
        }
        try {
            return EventCodec.mapper().readValue(response.body(), type);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
