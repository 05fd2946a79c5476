package org.compliantsms.inbound.webhook;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.compliantsms.events.InboundReceived;
import org.compliantsms.events.SuppressionScope;
import org.compliantsms.events.Topics;
import org.compliantsms.inbound.webhook.signature.TwilioSignature;
import org.compliantsms.suppression.SuppressionIndex;
import org.compliantsms.testing.PlatformTestResource;
import org.compliantsms.testing.SignedWebhook;
import org.compliantsms.testing.TestNumbers;
import org.compliantsms.testing.TopicProbe;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * Signed webhooks as production runs them (verification on): a request that is unsigned, wrongly signed or replayed
 * is refused and changes nothing; a well-signed one is applied.
 */
@QuarkusTest
@TestProfile(SignedWebhookIT.VerificationOn.class)
@WithTestResource(value = PlatformTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SignedWebhookIT {
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final String JSON_SECRET = "test-json-secret"; // the test profile's account test-json
    static final String TWILIO_TOKEN = "test-twilio-token"; // the test profile's account test-twilio

    public static class VerificationOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("inbound.webhook.verify-signatures", "true");
        }
    }

    @Inject
    SuppressionIndex index;

    static String stop(String from) {
        return "{\"messageId\":\"SM" + UUID.randomUUID() + "\",\"from\":\"" + from + "\",\"to\":\"36180\","
                + "\"text\":\"STOP\"}";
    }

    boolean suppressed(String number) {
        return index.suppressingScope(number, "acme-promo").await().atMost(TIMEOUT).isPresent();
    }

    @Test
    void aWellSignedJsonStopIsAppliedWithTheAccountsCarrierAndRegion() {
        String number = TestNumbers.frenchMobile();
        String national = "0" + number.substring(3); // the account's default region is FR
        String body = stop(national);
        try (TopicProbe inbound = TopicProbe.open(Topics.INBOUND_RECEIVED)) {
            given().contentType(ContentType.JSON).headers(SignedWebhook.headers(JSON_SECRET, body)).body(body)
                    .post("/webhooks/inbound/test-json").then().statusCode(200).body("action", equalTo("OPT_OUT"));
            InboundReceived reply = inbound.awaitEvent(InboundReceived.class, r -> number.equals(r.from()), TIMEOUT);
            assertEquals("acme-carrier", reply.carrier());
        }
        assertTrue(suppressed(number));
    }

    @Test
    void unsignedWronglySignedReplayedOrMisroutedRequestsAreRefusedAndChangeNothing() {
        String number = TestNumbers.frenchMobile();
        String body = stop(number);
        long now = System.currentTimeMillis() / 1000;
        // unsigned, on both routes
        given().contentType(ContentType.JSON).body(body).post("/webhooks/inbound").then().statusCode(401);
        given().contentType(ContentType.JSON).body(body).post("/webhooks/inbound/test-json").then().statusCode(401);
        // signed with another secret
        given().contentType(ContentType.JSON).headers(SignedWebhook.headers("not-the-secret", body)).body(body)
                .post("/webhooks/inbound/test-json").then().statusCode(403);
        // the body changed after signing
        given().contentType(ContentType.JSON).headers(SignedWebhook.headers(JSON_SECRET, body))
                .body(body.replace("STOP", "START")).post("/webhooks/inbound/test-json").then().statusCode(403);
        // a replay: correctly signed ten minutes ago, outside the five-minute window
        given().contentType(ContentType.JSON).headers(SignedWebhook.headers(JSON_SECRET, now - 600, body)).body(body)
                .post("/webhooks/inbound/test-json").then().statusCode(403).body("error", containsString("window"));
        // an account that does not exist, and JSON to a Twilio account
        given().contentType(ContentType.JSON).headers(SignedWebhook.headers(JSON_SECRET, body)).body(body)
                .post("/webhooks/inbound/nobody").then().statusCode(404);
        given().contentType(ContentType.JSON).headers(SignedWebhook.headers(JSON_SECRET, body)).body(body)
                .post("/webhooks/inbound/test-twilio").then().statusCode(403);

        // refused means unchanged; a well-signed copy, in the same time, would have changed it
        assertTrue(index.suppressingScope(number, "acme-promo").await().atMost(TIMEOUT).isEmpty());
        given().contentType(ContentType.JSON).headers(SignedWebhook.headers(JSON_SECRET, body)).body(body)
                .post("/webhooks/inbound/test-json").then().statusCode(200);
        assertTrue(suppressed(number));
    }

    @Test
    void aTwilioFormSignedWithTheAuthTokenIsAppliedAndAForgedOneIsNot() {
        String number = TestNumbers.frenchMobile();
        Map<String, List<String>> form = Map.of("MessageSid", List.of("SM" + UUID.randomUUID().toString()
                .replace("-", "")), "From", List.of(number), "To", List.of("36180"), "Body", List.of("STOP"),
                "AccountSid", List.of("AC123"));
        String url = io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port
                + "/webhooks/twilio/test-twilio";
        String signature = TwilioSignature.sign(TWILIO_TOKEN, url, form);

        given().contentType(ContentType.URLENC).formParams(flat(form))
                .header(TwilioSignature.HEADER, signature.substring(1) + "A")
                .post("/webhooks/twilio/test-twilio").then().statusCode(403);
        assertTrue(index.suppressingScope(number, "acme-promo").await().atMost(TIMEOUT).isEmpty());

        given().contentType(ContentType.URLENC).formParams(flat(form)).header(TwilioSignature.HEADER, signature)
                .post("/webhooks/twilio/test-twilio").then().statusCode(200).body("action", equalTo("OPT_OUT"));
        assertEquals(Optional.of(SuppressionScope.program("acme-promo")), index.suppressingScope(number, "acme-promo").await()
                .atMost(TIMEOUT));
    }

    private static Map<String, String> flat(Map<String, List<String>> form) {
        Map<String, String> flat = new java.util.LinkedHashMap<>();
        form.forEach((k, v) -> flat.put(k, v.get(0)));
        return flat;
    }
}
