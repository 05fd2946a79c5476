package org.compliantsms.simulator.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import org.compliantsms.events.EventCodec;
import org.compliantsms.events.PhoneNumbers;
import org.compliantsms.simulator.receipts.Outcome;
import org.compliantsms.simulator.receipts.ReceiptsConfig;
import org.jboss.logging.Logger;

/**
 * Receipts of the HTTP carrier mode: after the receipt delay, a JSON POST {@code {id, status, error, to, from}} to
 * the webhook URL, signed with HMAC-SHA256 when a secret is configured ({@code X-Webhook-Timestamp},
 * {@code X-Webhook-Signature: sha256=<hex of HMAC(secret, timestamp + "." + body)>}). Like a real carrier, an answer
 * other than 2xx (or none) means "send it again" after {@code simulator.receipts.retry-delay}, up to
 * {@code max-attempts} times.
 */
@Singleton
public class HttpReceiptSender {
    private static final Logger LOG = Logger.getLogger(HttpReceiptSender.class);

    private final HttpCarrierConfig config;
    private final ReceiptsConfig receipts;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "http-receipts");
        thread.setDaemon(true);
        return thread;
    });
    private volatile String webhookUrl;
    private final AtomicLong scheduled = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    public HttpReceiptSender(HttpCarrierConfig config, ReceiptsConfig receipts) {
        this.config = config;
        this.receipts = receipts;
        this.webhookUrl = config.webhookUrl().orElse(null);
    }

    public String webhookUrl() {
        return webhookUrl;
    }

    public void webhookUrl(String url) {
        webhookUrl = url;
    }

    /** Plans the receipt of message {@code id} to {@code to}; nothing when no webhook URL is set. */
    public void schedule(String id, String to, String from, Outcome outcome, long delayMs) {
        if (webhookUrl == null) {
            return;
        }
        Map<String, Object> receipt = new LinkedHashMap<>();
        receipt.put("id", id);
        receipt.put("status", outcome.stat());
        receipt.put("error", outcome.err());
        receipt.put("to", to);
        receipt.put("from", from);
        String body = new String(EventCodec.encode(receipt), StandardCharsets.UTF_8);
        scheduled.incrementAndGet();
        scheduler.schedule(() -> send(id, to, body, 1), delayMs, TimeUnit.MILLISECONDS);
    }

    public Map<String, Object> counts() {
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("webhookUrl", webhookUrl);
        counts.put("scheduled", scheduled.get());
        counts.put("sent", sent.get());
        counts.put("acknowledged", acknowledged.get());
        counts.put("refused", refused.get());
        counts.put("dropped", dropped.get());
        return counts;
    }

    public void resetCounts() {
        List.of(scheduled, sent, acknowledged, refused, dropped).forEach(count -> count.set(0));
    }

    private void send(String id, String to, String body, int attempt) {
        String url = webhookUrl;
        if (url == null) {
            dropped.incrementAndGet();
            return;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        config.webhookSecret().filter(s -> !s.isBlank()).ifPresent(secret -> {
            long now = System.currentTimeMillis() / 1000;
            request.header("X-Webhook-Timestamp", Long.toString(now));
            request.header("X-Webhook-Signature", "sha256=" + hmac(secret, now + "." + body));
        });
        sent.incrementAndGet();
        client.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            if (failure == null && response.statusCode() / 100 == 2) {
                acknowledged.incrementAndGet();
                return;
            }
            refused.incrementAndGet();
            String why = failure != null ? failure.toString() : "HTTP " + response.statusCode();
            if (attempt >= receipts.maxAttempts()) {
                dropped.incrementAndGet();
                LOG.warnf("HTTP receipt %s for %s given up after %d attempts: %s", id, PhoneNumbers.mask(to), attempt,
                        why);
                return;
            }
            LOG.debugf("HTTP receipt %s: %s; again in %s", id, why, receipts.retryDelay());
            try {
                scheduler.schedule(() -> send(id, to, body, attempt + 1), receipts.retryDelay().toMillis(),
                        TimeUnit.MILLISECONDS);
            } catch (RuntimeException e) {
                dropped.incrementAndGet();
            }
        });
    }

    private static String hmac(String secret, String signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }
}
