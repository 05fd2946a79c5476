package org.compliantsms.inbound.webhook;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.compliantsms.events.Category;
import org.compliantsms.events.ConsentAction;
import org.compliantsms.events.ConsentChanged;
import org.compliantsms.events.InboundReceived;
import org.compliantsms.events.Intent;
import org.compliantsms.events.MessageRequested;
import org.compliantsms.events.Topics;
import org.compliantsms.suppression.RedisBatch;
import org.compliantsms.suppression.SendFence;
import org.compliantsms.suppression.SuppressionIndex;
import org.compliantsms.testing.PlatformTestResource;
import org.compliantsms.testing.TestNumbers;
import org.compliantsms.testing.TopicProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The webhook through the real broker and Redis: 2xx only once the opt-out is durable and effective. */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class InboundWebhookIT {
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final String SHORT_CODE = "36180"; // mapped to program acme-promo in the test profile

    @Inject
    SuppressionIndex index;

    @Inject
    SendFence fence;

    @Inject
    io.vertx.mutiny.redis.client.Redis redis;

    TopicProbe consent;
    TopicProbe inbound;
    TopicProbe requests;

    @BeforeEach
    void open() {
        consent = TopicProbe.open(Topics.CONSENT_CHANGED);
        inbound = TopicProbe.open(Topics.INBOUND_RECEIVED);
        requests = TopicProbe.open(Topics.MESSAGE_REQUESTED);
    }

    @AfterEach
    void close() {
        consent.close();
        inbound.close();
        requests.close();
    }

    static String reply(String id, String from, String to, String text) {
        return "{\"messageId\":\"" + id + "\",\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"text\":\"" + text
                + "\",\"carrier\":\"test-carrier\"}";
    }

    @Test
    void aStopIsEffectiveWhenTheWebhookAnswersAndIsConfirmedOnce() {
        String number = TestNumbers.frenchMobile();
        String id = "SM" + UUID.randomUUID();
        given().contentType(ContentType.JSON).body(reply(id, number, SHORT_CODE, "Stop"))
                .post("/webhooks/inbound").then().statusCode(200)
                .body("intent", equalTo("OPT_OUT"))
                .body("action", equalTo("OPT_OUT"))
                .body("alreadyInEffect", equalTo(false))
                .body("consentEventId", equalTo("kw-" + id));

        // effective: the index dispatch reads already says so, with no waiting
        assertEquals(Optional.of("program:acme-promo"),
                index.suppressingScope(number, "acme-promo").await().atMost(TIMEOUT));
        // durable: the consent change and the classified reply are on their topics
        ConsentChanged change = consent.awaitEvent(ConsentChanged.class, c -> number.equals(c.recipient()), TIMEOUT);
        assertEquals(ConsentAction.OPT_OUT, change.action());
        assertEquals("acme-promo", change.programId());
        assertEquals("STOP", change.keyword());
        assertEquals(SHORT_CODE, change.senderId());
        InboundReceived recorded = inbound.awaitEvent(InboundReceived.class, r -> number.equals(r.from()), TIMEOUT);
        assertEquals(Intent.OPT_OUT, recorded.classification().intent());
        assertEquals("test-carrier", recorded.carrier());

        MessageRequested confirmation = requests.awaitEvent(MessageRequested.class,
                r -> number.equals(r.recipient()), TIMEOUT);
        assertEquals(Category.CONFIRMATION, confirmation.category());
        assertEquals("confirm-kw-" + id, confirmation.messageId());
        assertEquals(SHORT_CODE, confirmation.senderId());
        assertEquals("acme-promo", confirmation.programId());
        assertTrue(confirmation.body().contains("unsubscribed"), confirmation.body());

        // the carrier retries the same reply: the same answer as the first time, nothing is published again
        given().contentType(ContentType.JSON).body(reply(id, number, SHORT_CODE, "Stop"))
                .post("/webhooks/inbound").then().statusCode(200).body("intent", equalTo("OPT_OUT"))
                .body("consentEventId", equalTo("kw-" + id)).body("alreadyInEffect", equalTo(false));
        // the person sends STOP again: recorded as a change already in effect, and not confirmed again
        String again = "SM" + UUID.randomUUID();
        given().contentType(ContentType.JSON).body(reply(again, number, SHORT_CODE, "STOP"))
                .post("/webhooks/inbound").then().statusCode(200).body("alreadyInEffect", equalTo(true));
        List<ConsentChanged> changes = consent.awaitEvents(ConsentChanged.class, c -> number.equals(c.recipient()), 2,
                TIMEOUT);
        assertEquals(List.of("kw-" + id, "kw-" + again), changes.stream().map(ConsentChanged::eventId).toList());
        assertEquals(1, requests.eventsDuring(MessageRequested.class, r -> number.equals(r.recipient()),
                Duration.ofSeconds(3)).size(), "one confirmation only");
        assertEquals(2, consent.eventsDuring(ConsentChanged.class, c -> number.equals(c.recipient()),
                Duration.ofMillis(500)).size(), "the retry published nothing");
    }

    @Test
    void theConfirmationSpeaksTheLanguageOfTheKeyword() {
        String number = TestNumbers.frenchMobile();
        given().contentType(ContentType.JSON).body(reply("SM" + UUID.randomUUID(), number, SHORT_CODE, "Arrêt"))
                .post("/webhooks/inbound").then().statusCode(200).body("action", equalTo("OPT_OUT"));

        MessageRequested confirmation = requests.awaitEvent(MessageRequested.class,
                r -> number.equals(r.recipient()), TIMEOUT);
        assertEquals("fr", confirmation.locale());
        assertTrue(confirmation.body().startsWith("Vous êtes désinscrit"), confirmation.body());
    }

    @Test
    void aStopToASenderNoProgramOwnsOptsOutOfEverything() {
        String number = TestNumbers.frenchMobile();
        given().contentType(ContentType.JSON).body(reply("SM" + UUID.randomUUID(), number, "99999", "STOP"))
                .post("/webhooks/inbound").then().statusCode(200).body("action", equalTo("OPT_OUT_ALL"));
        assertEquals(Optional.of("global"), index.suppressingScope(number, "any-program").await().atMost(TIMEOUT));
    }

    @Test
    void yesOptsBackInOnlySomeoneWhoOptedOut() {
        String number = TestNumbers.frenchMobile();
        given().contentType(ContentType.JSON).body(reply("SM" + UUID.randomUUID(), number, SHORT_CODE, "Yes"))
                .post("/webhooks/inbound").then().statusCode(200).body("intent", equalTo("OPT_IN"))
                .body("consentEventId", nullValue());
        assertTrue(consent.eventsDuring(ConsentChanged.class, c -> number.equals(c.recipient()), Duration.ofSeconds(1))
                .isEmpty(), "a YES from someone subscribed is just a reply");

        given().contentType(ContentType.JSON).body(reply("SM" + UUID.randomUUID(), number, SHORT_CODE, "STOP"))
                .post("/webhooks/inbound").then().statusCode(200).body("action", equalTo("OPT_OUT"));
        given().contentType(ContentType.JSON).body(reply("SM" + UUID.randomUUID(), number, SHORT_CODE, "yes!"))
                .post("/webhooks/inbound").then().statusCode(200).body("action", equalTo("OPT_IN"))
                .body("alreadyInEffect", equalTo(false));
        assertTrue(index.suppressingScope(number, "acme-promo").await().atMost(TIMEOUT).isEmpty());
    }

    @Test
    void formEncodedTwilioStyleRepliesAreAccepted() {
        String number = TestNumbers.frenchMobile();
        given().contentType(ContentType.URLENC)
                .formParam("MessageSid", "SM" + UUID.randomUUID()).formParam("From", number)
                .formParam("To", SHORT_CODE).formParam("Body", "STOP")
                .post("/webhooks/inbound").then().statusCode(200).body("action", equalTo("OPT_OUT"));
        assertTrue(index.suppressingScope(number, "acme-promo").await().atMost(TIMEOUT).isPresent());
    }

    @Test
    void aReplyThatIsNotAKeywordIsRecordedAndChangesNothing() {
        String number = TestNumbers.frenchMobile();
        given().contentType(ContentType.JSON).body(reply("SM" + UUID.randomUUID(), number, SHORT_CODE, "Where is my order?"))
                .post("/webhooks/inbound").then().statusCode(200).body("intent", equalTo("OTHER"));
        assertEquals(Intent.OTHER, inbound.awaitEvent(InboundReceived.class, r -> number.equals(r.from()), TIMEOUT)
                .classification().intent());
        assertTrue(consent.eventsDuring(ConsentChanged.class, c -> number.equals(c.recipient()), Duration.ofSeconds(2))
                .isEmpty());
        assertTrue(index.suppressingScope(number, "acme-promo").await().atMost(TIMEOUT).isEmpty());
    }

    @Test
    void badRepliesAreRefusedWithAReasonThatHidesTheNumber() {
        // a sender that is no number we can send to is kept for review, never refused (carriers do not retry 4xx)
        given().contentType(ContentType.JSON).body(reply("SM" + UUID.randomUUID(), "+33142685300", SHORT_CODE, "STOP"))
                .post("/webhooks/inbound").then().statusCode(202).body("review", equalTo("UNATTRIBUTED"))
                .body("reason", containsString("not a mobile number"))
                .body("reason", not(containsString("142685300")));
        given().contentType(ContentType.JSON).body(reply("SM1", "+33612345678", "not a short code!", "STOP"))
                .post("/webhooks/inbound").then().statusCode(400).body("error", containsString("to must be"));
        given().contentType(ContentType.JSON).body("[1, 2]")
                .post("/webhooks/inbound").then().statusCode(400).body("error", containsString("not a JSON reply"));
        given().contentType(ContentType.JSON).body(reply("SM1", "+33612345678", SHORT_CODE, "x".repeat(20_000)))
                .post("/webhooks/inbound").then().statusCode(413);
        given().contentType(ContentType.JSON).body("{\"from\":\"+33612345678\"}")
                .post("/webhooks/inbound").then().statusCode(400).body("error", containsString("required"));
        given().contentType(ContentType.JSON).body(reply("has spaces", "+33612345678", SHORT_CODE, "STOP"))
                .post("/webhooks/inbound").then().statusCode(400).body("error", containsString("messageId"));
    }

    @Test
    void aStopIsAnsweredOnlyOnceNoSubmitThatReadTheIndexBeforeItIsInFlight() throws Exception {
        String busy = TestNumbers.frenchMobile();
        String idle = TestNumbers.frenchMobile();
        // Dispatch has read the index for `busy` and its submit is in flight.
        RedisBatch enter = new RedisBatch();
        fence.enterAndRead(enter, busy, "acme-promo", "in-flight-submit");
        enter.execute(redis, TIMEOUT);

        Instant idleStart = Instant.now();
        given().contentType(ContentType.JSON).body(reply("SM" + UUID.randomUUID(), idle, SHORT_CODE, "STOP"))
                .post("/webhooks/inbound").then().statusCode(200);
        Duration idleTook = Duration.between(idleStart, Instant.now());

        CompletableFuture<Integer> busyStop = CompletableFuture.supplyAsync(() -> given().contentType(ContentType.JSON)
                .body(reply("SM" + UUID.randomUUID(), busy, SHORT_CODE, "STOP")).post("/webhooks/inbound").statusCode());
        Duration held = idleTook.multipliedBy(5).plusSeconds(1);
        Thread.sleep(held.toMillis());
        assertFalse(busyStop.isDone(), "answered while a submit that read the index before the STOP was in flight");
        assertTrue(index.suppressingScope(busy, "acme-promo").await().atMost(TIMEOUT).isPresent(),
                "already in the index: new submits are blocked");

        RedisBatch leave = new RedisBatch();
        fence.leave(leave, busy, "in-flight-submit");
        leave.execute(redis, TIMEOUT);
        assertEquals(200, busyStop.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
    }
}
