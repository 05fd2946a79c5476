package org.compliantsms.campaign.emission;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.compliantsms.campaign.programs.TestCampaignPrograms;
import org.compliantsms.events.DeliveryStatus;
import org.compliantsms.events.MessageRequested;
import org.compliantsms.events.MessageStatus;
import org.compliantsms.events.Topics;
import org.compliantsms.testing.PlatformTestResource;
import org.compliantsms.testing.TestNumbers;
import org.compliantsms.testing.TestProducer;
import org.compliantsms.testing.TestTokens;
import org.compliantsms.testing.TopicProbe;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Send at a time, at a rate; pause, resume, cancel; against the real broker and PostgreSQL. */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "sms_campaign"))
class ScheduleIT {
    @BeforeEach
    void programs() {
        TestCampaignPrograms.acmePromo();
    }

    static final String SENDER = TestTokens.token("campaign-sender", "acme-promo");
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    record Campaign(String id, List<String> recipients) {
        int requested() {
            return given().auth().oauth2(SENDER).get("/campaigns/" + id + "/report").then().statusCode(200)
                    .extract().path("requested");
        }

        String state() {
            return given().auth().oauth2(SENDER).get("/campaigns/" + id).then().statusCode(200).extract().path("state");
        }

        int control(String action) {
            return given().auth().oauth2(SENDER).contentType(ContentType.JSON).body("{}")
                    .post("/campaigns/" + id + "/schedule/" + action).then().extract().statusCode();
        }
    }

    static Campaign campaign(int size, String schedule) {
        List<String> recipients = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            recipients.add(TestNumbers.frenchMobile());
        }
        String body = "{\"programId\":\"acme-promo\",\"senderId\":\"36180\",\"body\":\"Winter sale\"," + schedule
                + "\"recipients\":[\"" + String.join("\",\"", recipients) + "\"]}";
        String id = given().auth().oauth2(SENDER).contentType(ContentType.JSON).body(body).post("/campaigns").then()
                .statusCode(201).body("state", equalTo("SCHEDULED")).extract().path("id");
        return new Campaign(id, recipients);
    }

    @Test
    void aRateLimitedCampaignPausesResumesAndCompletesWithEveryMessageOnce() {
        // reading before the campaign exists: its first chunk may leave within the emitter's first poll
        try (TopicProbe requests = TopicProbe.open(Topics.MESSAGE_REQUESTED)) {
            Campaign c = campaign(2000, "\"ratePerSecond\":400,");
            await().atMost(TIMEOUT).until(() -> c.requested() >= 400);
            assertEquals(200, c.control("pause"));
            await().atMost(TIMEOUT).until(() -> c.state().equals("PAUSED"));
            int atPause = c.requested();
            // emission stops after the chunk being sent: then nothing more moves for a while
            await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);
            int stopped = c.requested();
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> c.requested() == stopped);
            assertTrue(stopped < 2000, "paused before the end: " + atPause + " then " + stopped);
            assertEquals(200, c.control("resume"));
            long resumed = System.nanoTime();
            await().atMost(TIMEOUT).until(() -> c.state().equals("REQUESTED"));
            double seconds = (System.nanoTime() - resumed) / 1e9;
            System.out.printf("rate-limited emission (400/s asked): %d messages in %.1f s after resume, %.0f/s%n",
                    2000 - stopped, seconds, (2000 - stopped) / seconds);
            assertEquals(2000, c.requested());
            List<MessageRequested> seen = requests.eventsDuring(MessageRequested.class,
                    r -> c.id().equals(r.campaignId()), Duration.ofSeconds(3));
            assertTrue(seen.size() >= 2000, "every request on the topic: " + seen.size());
            assertEquals(2000, seen.stream().map(MessageRequested::messageId).distinct().count());
            seen.forEach(r -> assertEquals(MessageIds.of(UUID.fromString(c.id()), r.recipient()), r.messageId()));
            assertEquals(409, c.control("pause"), "a REQUESTED campaign cannot be paused");
        }
    }

    @Test
    void aCancelledCampaignStopsButWhatWasRequestedGetsItsOutcomes() {
        Campaign c = campaign(3000, "\"ratePerSecond\":500,");
        await().atMost(TIMEOUT).until(() -> c.requested() >= 500);
        assertEquals(200, c.control("cancel"));
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);
        int stopped = c.requested();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> c.requested() == stopped);
        assertTrue(stopped < 3000, "cancelled before the end: " + stopped);
        assertEquals("CANCELLED", c.state());
        assertEquals(409, c.control("resume"), "a cancelled campaign stays cancelled");

        TestProducer.send(new MessageStatus(MessageIds.of(UUID.fromString(c.id()), c.recipients().get(0)),
                "acme-promo", c.id(), c.recipients().get(0), DeliveryStatus.DELIVERED, "simulator", "c-0", null,
                Instant.now()));
        await().atMost(TIMEOUT).untilAsserted(() -> given().auth().oauth2(SENDER).get("/campaigns/" + c.id()
                + "/report").then().body("delivered", equalTo(1)));
    }

    @Test
    void aCampaignSentAtATimeWaitsForIt() {
        Instant at = Instant.now().plusSeconds(4);
        Campaign c = campaign(3, "\"sendAt\":\"" + at + "\",");
        try (TopicProbe requests = TopicProbe.open(Topics.MESSAGE_REQUESTED)) {
            assertEquals(0, c.requested());
            List<MessageRequested> seen = requests.awaitEvents(MessageRequested.class,
                    r -> c.id().equals(r.campaignId()), 3, TIMEOUT);
            Instant first = seen.stream().map(MessageRequested::requestedAt).min(Instant::compareTo).orElseThrow();
            assertTrue(!first.isBefore(at), "requested at " + first + ", not before " + at);
            await().atMost(TIMEOUT).until(() -> c.state().equals("REQUESTED"));
        }
    }
}
