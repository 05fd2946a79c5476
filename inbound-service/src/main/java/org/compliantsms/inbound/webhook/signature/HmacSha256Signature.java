package org.compliantsms.inbound.webhook.signature;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The generic JSON webhook's signature: {@code X-Webhook-Timestamp: <Unix seconds>} and
 * {@code X-Webhook-Signature: sha256=<lowercase hex of HMAC-SHA256(secret, timestamp + "." + raw body)>}. The same
 * from a shell: {@code printf '%s.%s' "$TS" "$BODY" | openssl dgst -sha256 -hmac "$SECRET"}.
 */
public final class HmacSha256Signature {
    public static final String TIMESTAMP_HEADER = "X-Webhook-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Webhook-Signature";
    public static final String PREFIX = "sha256=";
    private static final String ALGORITHM = "HmacSHA256";
    private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{1,18}");
    private static final Pattern HEX_MAC = Pattern.compile("[0-9a-fA-F]{64}");
    private static final HexFormat HEX = HexFormat.of();

    private HmacSha256Signature() {
    }

    /** The X-Webhook-Signature value, {@code sha256=<hex>}, for this timestamp and body. */
    public static String sign(String secret, long timestampSeconds, byte[] body) {
        return PREFIX + HEX.formatHex(mac(secret, Long.toString(timestampSeconds), body));
    }

    public static Verdict verify(String secret, byte[] body, String timestampHeader, String signatureHeader,
            Instant now, Duration replayWindow) {
        if (isBlank(timestampHeader) || isBlank(signatureHeader)) {
            return Verdict.missing(TIMESTAMP_HEADER + " and " + SIGNATURE_HEADER + " are required");
        }
        String timestamp = timestampHeader.strip();
        if (!TIMESTAMP.matcher(timestamp).matches()) {
            return Verdict.invalid(TIMESTAMP_HEADER + " must be Unix seconds");
        }
        String signature = signatureHeader.strip();
        if (!signature.startsWith(PREFIX) || !HEX_MAC.matcher(signature.substring(PREFIX.length())).matches()) {
            return Verdict.invalid(SIGNATURE_HEADER + " must be sha256=<64 hex digits>");
        }
        if (secret == null || secret.isEmpty()) {
            return Verdict.invalid("the account has no secret configured");
        }
        // The timestamp as sent is what was signed: re-formatting it ("0123" -> "123") would change the MAC.
        byte[] expected = mac(secret, timestamp, body == null ? new byte[0] : body);
        if (!MessageDigest.isEqual(expected, HEX.parseHex(signature.substring(PREFIX.length())))) {
            return Verdict.invalid("signature does not match");
        }
        // Checked after the signature so that EXPIRED always means an authentic request (a replay or a skewed clock).
        long skew = Long.parseLong(timestamp) - now.getEpochSecond();
        if (Math.abs(skew) > replayWindow.toSeconds()) {
            return Verdict.expired("timestamp is " + Math.abs(skew) + " s " + (skew < 0 ? "old" : "ahead")
                    + ", beyond the " + replayWindow.toSeconds() + " s replay window (Unix seconds expected)");
        }
        return Verdict.accepted("signature valid");
    }

    private static byte[] mac(String secret, String timestamp, byte[] body) {
        return Hmac.mac(ALGORITHM, secret, timestamp.getBytes(StandardCharsets.US_ASCII), new byte[] { '.' }, body);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
