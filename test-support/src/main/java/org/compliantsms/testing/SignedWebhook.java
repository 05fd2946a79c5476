package org.compliantsms.testing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The headers a carrier sends with a JSON webhook to an HMAC-SHA256 account of inbound-service, computed as a
 * carrier would (docs/inbound.md), independently of the service's own verifier.
 */
public final class SignedWebhook {
    private SignedWebhook() {
    }

    /** {@code X-Webhook-Timestamp} and {@code X-Webhook-Signature} for this body, signed now. */
    public static Map<String, String> headers(String secret, String body) {
        return headers(secret, System.currentTimeMillis() / 1000, body);
    }

    public static Map<String, String> headers(String secret, long timestampSeconds, String body) {
        String timestamp = Long.toString(timestampSeconds);
        return Map.of("X-Webhook-Timestamp", timestamp, "X-Webhook-Signature",
                "sha256=" + hmacSha256Hex(secret, timestamp + "." + body));
    }

    private static String hmacSha256Hex(String secret, String signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
