package org.compliantsms.dispatch.receipts;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An HTTP carrier's receipt webhook signature, the scheme inbound-service's JSON webhook uses (docs/inbound.md):
 * {@code X-Webhook-Timestamp: <Unix seconds>} and {@code X-Webhook-Signature: sha256=<hex HMAC-SHA256(secret,
 * timestamp + "." + raw body)>}, the timestamp within {@link #REPLAY_WINDOW} of now. A shared token alone would let
 * anyone who saw one request replay or alter receipts; the MAC covers the body and the time.
 */
final class WebhookSignature {
    static final String TIMESTAMP_HEADER = "X-Webhook-Timestamp";
    static final String SIGNATURE_HEADER = "X-Webhook-Signature";
    static final Duration REPLAY_WINDOW = Duration.ofMinutes(5);
    private static final String PREFIX = "sha256=";
    private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{1,18}");
    private static final Pattern HEX_MAC = Pattern.compile("[0-9a-fA-F]{64}");

    private WebhookSignature() {
    }

    /** Why the request is refused; empty when it is authentic and fresh. */
    static Optional<String> problem(String secret, byte[] body, String timestamp, String signature, Instant now) {
        if (timestamp == null || signature == null) {
            return Optional.of(TIMESTAMP_HEADER + " and " + SIGNATURE_HEADER + " are required");
        }
        String ts = timestamp.strip();
        String sig = signature.strip();
        if (!TIMESTAMP.matcher(ts).matches()) {
            return Optional.of(TIMESTAMP_HEADER + " must be Unix seconds");
        }
        if (!sig.startsWith(PREFIX) || !HEX_MAC.matcher(sig.substring(PREFIX.length())).matches()) {
            return Optional.of(SIGNATURE_HEADER + " must be sha256=<64 hex digits>");
        }
        if (!MessageDigest.isEqual(mac(secret, ts, body), HexFormat.of().parseHex(sig.substring(PREFIX.length())))) {
            return Optional.of("signature does not match");
        }
        if (Math.abs(Long.parseLong(ts) - now.getEpochSecond()) > REPLAY_WINDOW.toSeconds()) {
            return Optional.of("timestamp outside the " + REPLAY_WINDOW.toSeconds() + " s replay window");
        }
        return Optional.empty();
    }

    static String sign(String secret, long timestampSeconds, byte[] body) {
        return PREFIX + HexFormat.of().formatHex(mac(secret, Long.toString(timestampSeconds), body));
    }

    private static byte[] mac(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) '.');
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
