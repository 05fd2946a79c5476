package org.compliantsms.inbound.webhook.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.compliantsms.inbound.webhook.signature.Verdict.Outcome;
import org.junit.jupiter.api.Test;

class HmacSha256SignatureTest {
    static final String SECRET = "json-shared-secret";
    static final Instant NOW = Instant.parse("2026-01-10T10:00:00Z");
    static final long TS = NOW.getEpochSecond();
    static final Duration WINDOW = Duration.ofMinutes(5);
    static final byte[] BODY = "{\"from\":\"+33612345678\",\"to\":\"36180\",\"text\":\"STOP\"}"
            .getBytes(StandardCharsets.UTF_8);

    static Verdict verify(String secret, byte[] body, String timestamp, String signature) {
        return HmacSha256Signature.verify(secret, body, timestamp, signature, NOW, WINDOW);
    }

    static String signed(long ts) {
        return HmacSha256Signature.sign(SECRET, ts, BODY);
    }

    @Test
    void matchesOpensslsHmac() {
        // printf '%s.%s' 1700000000 '{"text":"STOP"}' | openssl dgst -sha256 -hmac secret
        assertEquals("sha256=db91e22a7762b51dd40b0b66013a3d96d18e5b5b26eddc9ae550e931d37593e4",
                HmacSha256Signature.sign("secret", 1_700_000_000L,
                        "{\"text\":\"STOP\"}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void acceptsItsOwnSignature() {
        Verdict verdict = verify(SECRET, BODY, Long.toString(TS), signed(TS));
        assertTrue(verdict.isValid(), verdict.reason());
        assertEquals(200, verdict.httpStatus());
    }

    @Test
    void acceptsUppercaseHexAndSurroundingSpace() {
        String upper = "sha256=" + signed(TS).substring(7).toUpperCase();
        assertTrue(verify(SECRET, BODY, " " + TS + " ", " " + upper).isValid());
    }

    @Test
    void refusesAnotherSecret() {
        Verdict verdict = verify("another-secret", BODY, Long.toString(TS), signed(TS));
        assertEquals(Outcome.INVALID, verdict.outcome());
        assertEquals(403, verdict.httpStatus());
    }

    @Test
    void refusesATamperedBody() {
        byte[] tampered = new String(BODY, StandardCharsets.UTF_8).replace("STOP", "STAR")
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(Outcome.INVALID, verify(SECRET, tampered, Long.toString(TS), signed(TS)).outcome());
        assertEquals(Outcome.INVALID, verify(SECRET, new byte[0], Long.toString(TS), signed(TS)).outcome());
    }

    @Test
    void refusesAnotherTimestampThanTheSignedOne() {
        assertEquals(Outcome.INVALID, verify(SECRET, BODY, Long.toString(TS + 1), signed(TS)).outcome());
        // The signed text is the header as sent: a re-formatted number is not the same timestamp.
        assertEquals(Outcome.INVALID, verify(SECRET, BODY, "0" + TS, signed(TS)).outcome());
    }

    @Test
    void refusesATimestampTooOld() {
        long old = TS - WINDOW.toSeconds() - 1;
        Verdict verdict = verify(SECRET, BODY, Long.toString(old), signed(old));
        assertEquals(Outcome.EXPIRED, verdict.outcome());
        assertEquals(403, verdict.httpStatus());
        assertTrue(verdict.reason().contains("old"), verdict.reason());
    }

    @Test
    void refusesATimestampTooFarInTheFuture() {
        long ahead = TS + WINDOW.toSeconds() + 1;
        Verdict verdict = verify(SECRET, BODY, Long.toString(ahead), signed(ahead));
        assertEquals(Outcome.EXPIRED, verdict.outcome());
        assertTrue(verdict.reason().contains("ahead"), verdict.reason());
    }

    @Test
    void acceptsTheEdgesOfTheWindow() {
        for (long ts : new long[] { TS - WINDOW.toSeconds(), TS + WINDOW.toSeconds() }) {
            assertTrue(verify(SECRET, BODY, Long.toString(ts), signed(ts)).isValid());
        }
    }

    @Test
    void refusesMillisecondsAsExpired() {
        long millis = NOW.toEpochMilli();
        assertEquals(Outcome.EXPIRED, verify(SECRET, BODY, Long.toString(millis), HmacSha256Signature.sign(SECRET,
                millis, BODY)).outcome());
    }

    @Test
    void missingHeadersAreUnauthorized() {
        for (String[] headers : new String[][] { { null, signed(TS) }, { Long.toString(TS), null },
                { "", signed(TS) }, { Long.toString(TS), " " }, { null, null } }) {
            Verdict verdict = verify(SECRET, BODY, headers[0], headers[1]);
            assertEquals(Outcome.MISSING, verdict.outcome());
            assertEquals(401, verdict.httpStatus());
        }
    }

    @Test
    void malformedHeadersAreInvalid() {
        String hex = signed(TS).substring(7);
        for (String[] headers : new String[][] { { "yesterday", signed(TS) }, { "-" + TS, signed(TS) },
                { "1.7e9", signed(TS) }, { Long.toString(TS), hex }, { Long.toString(TS), "sha1=" + hex },
                { Long.toString(TS), "sha256=" + hex.substring(1) }, { Long.toString(TS), "sha256=" + hex + "00" },
                { Long.toString(TS), "sha256=" + hex.replace(hex.charAt(0), 'g') },
                { "99999999999999999999999", signed(TS) } }) {
            assertEquals(Outcome.INVALID, verify(SECRET, BODY, headers[0], headers[1]).outcome(),
                    String.join(" / ", headers));
        }
    }

    @Test
    void anAccountWithoutSecretRefusesRatherThanThrows() {
        assertEquals(Outcome.INVALID, verify("", BODY, Long.toString(TS), signed(TS)).outcome());
    }

    @Test
    void reasonsNeverContainTheSecret() {
        for (Verdict verdict : new Verdict[] { verify(SECRET, BODY, Long.toString(TS), signed(TS)),
                verify(SECRET, BODY, Long.toString(TS + 1), signed(TS)),
                verify(SECRET, BODY, Long.toString(TS - 3600), signed(TS - 3600)) }) {
            assertFalse(verdict.reason().contains(SECRET), verdict.reason());
        }
    }
}
