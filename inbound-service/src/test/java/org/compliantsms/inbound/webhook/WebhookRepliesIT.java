package org.compliantsms.inbound.webhook;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.compliantsms.events.Category;
import org.compliantsms.events.ConsentAction;
import org.compliantsms.events.ConsentChanged;
import org.compliantsms.events.InboundReceived;
import org.compliantsms.events.InboundUnattributed;
import org.compliantsms.events.MessageRequested;
import org.compliantsms.events.SuppressionScope;
import org.compliantsms.events.Topics;
import org.compliantsms.inbound.review.ReviewItem;
import org.compliantsms.inbound.review.ReviewStore;
import org.compliantsms.suppression.SuppressionIndex;
import org.compliantsms.testing.Metrics;
import org.compliantsms.testing.PlatformTestResource;
import org.compliantsms.testing.TestNumbers;
import org.compliantsms.testing.TestTokens;
import org.compliantsms.testing.TopicProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The webhook's edges through the real broker and Redis: number forms, server time, retries, review, replies. */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class WebhookRepliesIT {
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final String SHORT_CODE = "36180"; // program acme-promo in the test profile

    @Inject
    SuppressionIndex index;

    @Inject
    ReviewStore review;

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

    static String reply(String id, String from, String text, Instant claimed) {
        return "{\"messageId\":\"" + id + "\",\"from\":\"" + from + "\",\"to\":\"" + SHORT_CODE + "\",\"text\":\""
                + text + "\"" + (claimed == null ? "" : ",\"receivedAt\":\"" + claimed + "\"") + "}";
    }

    static io.restassured.response.ValidatableResponse post(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/webhooks/inbound").then();
    }

    Optional<String> suppressingScope(String number) {
        return index.suppressingScope(number, "acme-promo").await().atMost(TIMEOUT);
    }

    @Test
    void numbersInEveryCommonFormAreTheSameNumber() {
        String number = TestNumbers.frenchMobile();
        post(reply("SM" + UUID.randomUUID(), number.substring(1), "Where is my order?", null)).statusCode(200);
        post(reply("SM" + UUID.randomUUID(), "00" + number.substring(1), "Thanks", null)).statusCode(200);
        post(reply("SM" + UUID.randomUUID(), "+33 " + number.substring(3), "Hello", null)).statusCode(200);
        List<InboundReceived> replies = inbound.awaitEvents(InboundReceived.class, r -> number.equals(r.from()), 3,
                TIMEOUT);
        assertEquals(3, replies.size());
    }

    @Test
    void theServersClockOrdersConsentSoAForgedFutureStartLosesToALaterStop() {
        String number = TestNumbers.frenchMobile();
        post(reply("SM" + UUID.randomUUID(), number, "STOP", null)).statusCode(200).body("action", equalTo("OPT_OUT"));
        // a forged START claiming to come from next year, then the person's real STOP
        Instant forged = Instant.now().plus(Duration.ofDays(365));
        post(reply("SM" + UUID.randomUUID(), number, "START", forged)).statusCode(200).body("action",
                equalTo("OPT_IN"));
        post(reply("SM" + UUID.randomUUID(), number, "STOP", null)).statusCode(200).body("action", equalTo("OPT_OUT"))
                .body("alreadyInEffect", equalTo(false));

        assertEquals(Optional.of(SuppressionScope.program("acme-promo")), suppressingScope(number), "the STOP wins");
        InboundReceived start = inbound.awaitEvent(InboundReceived.class,
                r -> number.equals(r.from()) && r.text().equals("START"), TIMEOUT);
        assertEquals(forged, start.reportedAt(), "the claimed time is kept as evidence");
        assertTrue(start.receivedAt().isBefore(Instant.now().plusSeconds(1)), "ordered by the server's clock");
    }

    @Test
    void aCarriersRetryGetsTheFirstAnswerAndChangesNothing() {
        String number = TestNumbers.frenchMobile();
        String id = "SM" + UUID.randomUUID();
        String first = post(reply(id, number, "STOP", null)).statusCode(200).body("alreadyInEffect", equalTo(false))
                .extract().asString();
        String retry = post(reply(id, number, "STOP", null)).statusCode(200).extract().asString();
        assertEquals(first, retry);
        assertEquals(1, consent.eventsDuring(ConsentChanged.class, c -> number.equals(c.recipient()),
                Duration.ofSeconds(2)).size(), "one change");
    }

    @Test
    void aSenderThatIsNoNumberIsKeptForReviewAndAStopAmongThemAlerts() {
        String sender = "0" + TestNumbers.frenchMobile().substring(3); // national, and this route has no region
        String id = "SM" + UUID.randomUUID();
        try (TopicProbe unattributed = TopicProbe.open(Topics.INBOUND_UNATTRIBUTED)) {
            post(reply(id, sender, "STOP", null)).statusCode(202).body("review", equalTo("UNATTRIBUTED"))
                    .body("reason", containsString("national"));
            InboundUnattributed kept = unattributed.awaitEvent(InboundUnattributed.class,
                    r -> sender.equals(r.rawFrom()), TIMEOUT);
            assertEquals("STOP", kept.text());
        }
        ReviewItem item = await().atMost(TIMEOUT).until(() -> review.latest(1000).stream()
                .filter(i -> i.inboundId().equals(id)).findFirst(), Optional::isPresent).orElseThrow();
        assertEquals(ReviewItem.Kind.UNATTRIBUTED, item.kind());
        assertTrue(item.needsAction(), "an opt-out nobody could apply");
        given().auth().oauth2(TestTokens.token("compliance-officer")).get("/review/replies?limit=1000").then().statusCode(200).body(containsString(id));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("sms_inbound_review_optouts_total{kind=\"UNATTRIBUTED\"}"));
    }

    @Test
    void anOptOutsTimeToEffectIsMeasured() {
        Map<String, String> webhookOptOuts = Map.of("path", "webhook", "action", "OPT_OUT");
        double before = metrics().sum("sms_optout_effect_seconds_count", webhookOptOuts);

        post(reply("SM" + UUID.randomUUID(), TestNumbers.frenchMobile(), "STOP", null)).statusCode(200)
                .body("action", equalTo("OPT_OUT"));

        Metrics after = metrics();
        assertEquals(before + 1, after.sum("sms_optout_effect_seconds_count", webhookOptOuts));
        assertTrue(after.has("sms_optout_effect_seconds_bucket"), "a histogram, for p50/p99");
    }

    private static Metrics metrics() {
        return Metrics.parse(given().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    @Test
    void helpIsAnsweredOnceWithTheProgramsHelpInTheKeywordsLanguage() {
        String number = TestNumbers.frenchMobile();
        String id = "SM" + UUID.randomUUID();
        post(reply(id, number, "Aide", null)).statusCode(200).body("intent", equalTo("HELP"));
        MessageRequested help = requests.awaitEvent(MessageRequested.class, m -> number.equals(m.recipient()), TIMEOUT);
        assertEquals(Category.HELP, help.category());
        assertEquals("help-" + id, help.messageId());
        assertEquals(SHORT_CODE, help.senderId());
        assertTrue(help.body().contains("Aide") || help.body().contains("STOP"), help.body());
        assertEquals("fr", help.locale());
    }

    @Test
    void aResubscriptionIsConfirmedOnceAndARepeatedStartIsNot() {
        String number = TestNumbers.frenchMobile();
        post(reply("SM" + UUID.randomUUID(), number, "STOP", null)).statusCode(200);
        post(reply("SM" + UUID.randomUUID(), number, "START", null)).statusCode(200).body("action", equalTo("OPT_IN"));
        post(reply("SM" + UUID.randomUUID(), number, "START", null)).statusCode(200)
                .body("alreadyInEffect", equalTo(true));

        List<MessageRequested> confirmations = requests.awaitEvents(MessageRequested.class,
                m -> number.equals(m.recipient()), 2, TIMEOUT);
        assertEquals(List.of(Category.CONFIRMATION, Category.CONFIRMATION),
                confirmations.stream().map(MessageRequested::category).toList());
        assertTrue(confirmations.get(1).body().contains("subscribed again"), confirmations.get(1).body());
        // nothing for the repeated START, in the time the two above took
        assertEquals(2, requests.eventsDuring(MessageRequested.class, m -> number.equals(m.recipient()),
                Duration.ofSeconds(2)).size());
        assertEquals(List.of(ConsentAction.OPT_OUT, ConsentAction.OPT_IN, ConsentAction.OPT_IN),
                consent.awaitEvents(ConsentChanged.class, c -> number.equals(c.recipient()), 3, TIMEOUT).stream()
                        .map(ConsentChanged::action).toList());
    }

    @Test
    void aProgramsOwnKeywordOptsOutOfThatProgramOnly() {
        String number = TestNumbers.frenchMobile();
        // the test profile gives acme-promo (short code 36180) the keyword FINACME
        post(reply("SM" + UUID.randomUUID(), number, "finacme", null)).statusCode(200)
                .body("action", equalTo("OPT_OUT"));
        assertEquals(Optional.of(SuppressionScope.program("acme-promo")), suppressingScope(number));
        // to a sender of no program it is no keyword
        String other = TestNumbers.frenchMobile();
        given().contentType(ContentType.JSON).body("{\"messageId\":\"SM" + UUID.randomUUID() + "\",\"from\":\""
                + other + "\",\"to\":\"99999\",\"text\":\"finacme\"}").post("/webhooks/inbound").then()
                .statusCode(200).body("intent", equalTo("OTHER"));
    }
}
