package org.compliantsms.inbound.webhook.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.compliantsms.inbound.webhook.signature.Verdict.Outcome;
import org.compliantsms.inbound.webhook.signature.WebhookConfig.Scheme;
import org.junit.jupiter.api.Test;

class SignatureVerifierTest {
    static final Instant NOW = Instant.parse("2026-01-10T10:00:00Z");
    static final long TS = NOW.getEpochSecond();
    static final byte[] BODY = "{\"from\":\"+33612345678\",\"to\":\"36180\",\"text\":\"STOP\"}"
            .getBytes(StandardCharsets.UTF_8);
    static final Map<String, List<String>> FORM = Map.of("From", List.of("+33612345678"), "To", List.of("36180"),
            "Body", List.of("STOP"), "MessageSid", List.of("SM123"));
    static final String PUBLIC_TWILIO_URL = "https://sms.example.com/webhooks/twilio/twilio?x=1";

    static SignatureVerifier verifier(WebhookConfig config) {
        return new SignatureVerifier(config, InstantSource.fixed(NOW));
    }

    static String jsonSignature(long ts) {
        return HmacSha256Signature.sign(TestWebhookConfig.JSON_SECRET, ts, BODY);
    }

    static String twilioSignature(String url) {
        return TwilioSignature.sign(TestWebhookConfig.TWILIO_TOKEN, url, FORM);
    }

    @Test
    void acceptsASignedJsonWebhook() {
        Verdict verdict = verifier(TestWebhookConfig.standard()).verifyJson("local", BODY, Long.toString(TS),
                jsonSignature(TS));
        assertTrue(verdict.isValid(), verdict.reason());
    }

    @Test
    void usesItsClockForTheReplayWindow() {
        SignatureVerifier later = new SignatureVerifier(TestWebhookConfig.standard(),
                InstantSource.fixed(NOW.plusSeconds(301)));
        assertEquals(Outcome.EXPIRED, later.verifyJson("local", BODY, Long.toString(TS), jsonSignature(TS)).outcome());
    }

    @Test
    void refusesAJsonWebhookSignedWithAnotherSecret() {
        String forged = HmacSha256Signature.sign("guessed", TS, BODY);
        assertEquals(Outcome.INVALID,
                verifier(TestWebhookConfig.standard()).verifyJson("local", BODY, Long.toString(TS), forged).outcome());
    }

    @Test
    void anUnknownAccountIsNotFound() {
        SignatureVerifier verifier = verifier(TestWebhookConfig.standard());
        Verdict json = verifier.verifyJson("nobody", BODY, Long.toString(TS), jsonSignature(TS));
        assertEquals(Outcome.UNKNOWN_ACCOUNT, json.outcome());
        assertEquals(404, json.httpStatus());
        assertFalse(json.reason().contains("nobody"), "the path segment is not echoed");
        assertEquals(Outcome.UNKNOWN_ACCOUNT,
                verifier.verifyTwilio("nobody", PUBLIC_TWILIO_URL, FORM, "sig").outcome());
    }

    @Test
    void aRequestWithoutAccountNeedsVerificationOff() {
        SignatureVerifier on = verifier(TestWebhookConfig.standard());
        assertFalse(on.unsignedAllowed());
        assertEquals(Outcome.MISSING, on.verifyJson(null, BODY, null, null).outcome());
        assertEquals(Outcome.MISSING, on.verifyTwilio("", PUBLIC_TWILIO_URL, FORM, null).outcome());

        SignatureVerifier off = verifier(TestWebhookConfig.standard().withVerifySignatures(false));
        assertTrue(off.unsignedAllowed());
        assertTrue(off.verifyJson(null, BODY, null, null).isValid());
    }

    @Test
    void withVerificationOffEveryKnownAccountIsValid() {
        SignatureVerifier off = verifier(TestWebhookConfig.standard().withVerifySignatures(false));
        assertTrue(off.verifyJson("local", BODY, null, null).isValid());
        assertTrue(off.verifyJson("local", BODY, "1", "sha256=bad").isValid());
        assertTrue(off.verifyTwilio("twilio", "http://localhost:8084/webhooks/twilio/twilio", FORM, null).isValid());
        assertTrue(off.verifyJson("twilio", BODY, null, null).isValid(), "no scheme check either");
        assertEquals(Outcome.UNKNOWN_ACCOUNT, off.verifyJson("nobody", BODY, null, null).outcome());
    }

    @Test
    void theWrongSchemeForTheAccountIsRefused() {
        SignatureVerifier verifier = verifier(TestWebhookConfig.standard());
        Verdict jsonToTwilio = verifier.verifyJson("twilio", BODY, Long.toString(TS), jsonSignature(TS));
        assertEquals(Outcome.WRONG_SCHEME, jsonToTwilio.outcome());
        assertEquals(403, jsonToTwilio.httpStatus());
        assertEquals(Outcome.WRONG_SCHEME,
                verifier.verifyTwilio("local", PUBLIC_TWILIO_URL, FORM, twilioSignature(PUBLIC_TWILIO_URL)).outcome());
    }

    @Test
    void acceptsATwilioWebhookOnTheUrlItSaw() {
        String url = "http://localhost:8084/webhooks/twilio/twilio";
        assertTrue(verifier(TestWebhookConfig.standard()).verifyTwilio("twilio", url, FORM, twilioSignature(url))
                .isValid());
    }

    @Test
    void aTwilioWebhookWithoutSignatureIsUnauthorized() {
        Verdict verdict = verifier(TestWebhookConfig.standard()).verifyTwilio("twilio", PUBLIC_TWILIO_URL, FORM, " ");
        assertEquals(Outcome.MISSING, verdict.outcome());
        assertEquals(401, verdict.httpStatus());
    }

    @Test
    void aTamperedTwilioFormIsInvalid() {
        Map<String, List<String>> tampered = Map.of("From", List.of("+33699999999"), "To", List.of("36180"),
                "Body", List.of("STOP"), "MessageSid", List.of("SM123"));
        assertEquals(Outcome.INVALID, verifier(TestWebhookConfig.standard())
                .verifyTwilio("twilio", PUBLIC_TWILIO_URL, tampered, twilioSignature(PUBLIC_TWILIO_URL)).outcome());
    }

    @Test
    void behindAProxyThePublicUrlIsTheOneChecked() {
        String seen = "http://inbound-service.sms.svc:8084/webhooks/twilio/twilio?x=1";
        String signature = twilioSignature(PUBLIC_TWILIO_URL);
        assertEquals(Outcome.INVALID, verifier(TestWebhookConfig.standard())
                .verifyTwilio("twilio", seen, FORM, signature).outcome(), "Twilio signed the public URL");
        SignatureVerifier behindProxy = verifier(TestWebhookConfig.standard().withPublicUrl("https://sms.example.com"));
        assertTrue(behindProxy.verifyTwilio("twilio", seen, FORM, signature).isValid());
    }

    @Test
    void rewritesSchemeHostAndPortKeepingPathAndQuery() {
        SignatureVerifier verifier = verifier(TestWebhookConfig.standard().withPublicUrl("https://sms.example.com/"));
        assertEquals("https://sms.example.com/webhooks/twilio/fr?a=%20b&c",
                verifier.signedUrl("http://10.0.0.7:8084/webhooks/twilio/fr?a=%20b&c"));
        assertEquals("https://sms.example.com/webhooks/twilio/fr", verifier.signedUrl("/webhooks/twilio/fr"));
        assertEquals("https://sms.example.com", verifier.signedUrl("http://10.0.0.7:8084"));
        assertEquals("https://edge.example.com/sms/webhooks/twilio/fr",
                SignatureVerifier.rebase("https://edge.example.com/sms", "http://pod:8084/webhooks/twilio/fr"));
        assertEquals("http://x/y", verifier(TestWebhookConfig.standard()).signedUrl("http://x/y"));
    }

    @Test
    void describesAccountsWithoutTheirSecret() {
        SignatureVerifier verifier = verifier(TestWebhookConfig.standard());
        CarrierAccount local = verifier.account("local").orElseThrow();
        assertEquals(new CarrierAccount("local", Scheme.HMAC_SHA256, "simulator", Optional.of("FR")), local);
        assertFalse(local.toString().contains(TestWebhookConfig.JSON_SECRET));
        assertEquals("twilio", verifier.account("twilio").orElseThrow().carrier(), "the account name by default");
        assertEquals(Optional.empty(), verifier.account("nobody"));
        assertEquals(Optional.empty(), verifier.account(null));
    }
}
