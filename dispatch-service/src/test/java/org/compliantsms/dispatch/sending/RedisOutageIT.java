package org.compliantsms.dispatch.sending;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.compliantsms.events.Category;
import org.compliantsms.events.DeliveryStatus;
import org.compliantsms.events.MessageApproved;
import org.compliantsms.events.MessageStatus;
import org.compliantsms.events.Topics;
import org.compliantsms.testing.CarrierSimulatorResource;
import org.compliantsms.testing.OwnRedisResource;
import org.compliantsms.testing.Readiness;
import org.compliantsms.testing.RedisServerProcess;
import org.compliantsms.testing.SimulatorAdmin;
import org.compliantsms.testing.TestEvents;
import org.compliantsms.testing.TestNumbers;
import org.compliantsms.testing.TestProducer;
import org.compliantsms.testing.TestTokens;
import org.compliantsms.testing.TopicProbe;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * Fail closed at the last mile: while the test's own Redis is down for 90 s nothing reaches the carrier (the
 * suppression index cannot be re-read, the ledger cannot claim); when it comes back (empty, so after the index's
 * automatic rebuild) everything is sent, once. A receipt that arrives meanwhile is not answered with success (so
 * the carrier sends it again); after the outage it is kept for review, the empty Redis having lost its message's
 * carrier id, while the receipts of the messages sent after the outage are correlated.
 */
@QuarkusTest
@WithTestResource(value = OwnRedisResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = CarrierSimulatorResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class RedisOutageIT {
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final Duration OUTAGE = Duration.ofSeconds(90);
    /** Long enough for the first submit of a freshly started dispatch on a busy machine. */
    static final Duration RECEIPT_DELAY = Duration.ofSeconds(20);

    @ConfigProperty(name = "test.simulator.admin-url")
    String simulatorUrl;

    @Test
    void aNinetySecondOutageSendsNothingAndEverythingAfterItOnce() {
        RedisServerProcess redis = OwnRedisResource.server();
        SimulatorAdmin carrier = new SimulatorAdmin(simulatorUrl);
        // Ready first: the test's Redis starts empty and the suppression index is rebuilt from sms.suppression.v1,
        // which on a machine that ran benches holds hundreds of thousands of records (minutes, not seconds).
        Readiness.await("http://localhost:" + RestAssured.port, 200, Duration.ofMinutes(5));
        try (TopicProbe statuses = TopicProbe.open(Topics.MESSAGE_STATUS)) {
            // The probe's receipt comes 20 s after its submit, while Redis is down: it cannot be handled, so it must
            // not be answered with success. The carrier's next attempt after the outage finds a Redis that came back
            // empty, without the probe's carrier id: it is kept for review, not lost.
            carrier.receipts(Map.of("enabled", true, "delayMs", RECEIPT_DELAY.toMillis()));
            MessageApproved probe = ApprovedMessageSenderIT.approve(TestEvents.request(TestNumbers.frenchMobile(),
                    "promo", Category.TRANSACTIONAL, "Before"));
            Instant sent = Instant.now();
            TestProducer.send(probe);
            String probeCarrierId = statuses.awaitEvent(MessageStatus.class,
                    s -> s.messageId().equals(probe.messageId()), TIMEOUT).carrierMessageId();
            Duration positive = Duration.between(sent, Instant.now());
            assertTrue(positive.compareTo(RECEIPT_DELAY) < 0, "submitted before its receipt comes");

            redis.stop();
            Map<String, Long> receiptsBefore = carrier.receiptCounts();
            long before = carrier.total();
            List<MessageApproved> during = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                during.add(ApprovedMessageSenderIT.approve(TestEvents.request(TestNumbers.frenchMobile(), "promo",
                        Category.TRANSACTIONAL, "During " + i)));
            }
            TestProducer.sendAll(during);
            Set<String> ids = during.stream().map(MessageApproved::messageId).collect(Collectors.toSet());
            awaitReadiness(503);

            assertTrue(OUTAGE.compareTo(positive.multipliedBy(3)) > 0);
            assertTrue(statuses.eventsDuring(MessageStatus.class, s -> ids.contains(s.messageId()), OUTAGE).isEmpty(),
                    "no outcome while Redis is down");
            assertEquals(before, carrier.total(), "nothing reached the carrier while Redis was down");
            Map<String, Long> receiptsDuring = carrier.receiptCounts();
            assertTrue(receiptsDuring.get("sent") > receiptsBefore.get("sent"), "the probe's receipt came");
            assertEquals(receiptsBefore.get("acknowledged"), receiptsDuring.get("acknowledged"),
                    "no receipt answered with success while it could not be handled");
            awaitReadiness(503);

            redis.startAgain();
            // Each message's first status (its receipt's DELIVERED follows): SUBMITTED, once each.
            List<MessageStatus> after = statuses.awaitEvents(MessageStatus.class, s -> ids.contains(s.messageId())
                    && s.status() != DeliveryStatus.DELIVERED, ids.size(), Duration.ofSeconds(60));
            assertTrue(after.stream().allMatch(s -> s.status() == DeliveryStatus.SUBMITTED));
            assertEquals(ids, after.stream().map(MessageStatus::messageId).collect(Collectors.toSet()));
            // Those submitted after the outage are correlated again: each one's receipt becomes its DELIVERED.
            Set<String> delivered = statuses.awaitEvents(MessageStatus.class, s -> ids.contains(s.messageId())
                    && s.status() == DeliveryStatus.DELIVERED, ids.size(), Duration.ofSeconds(60)).stream()
                    .map(MessageStatus::messageId).collect(Collectors.toSet());
            assertEquals(ids.size(), delivered.size());
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!RestAssured.given().auth().oauth2(TestTokens.token("auditor")).queryParam("limit", 1000)
                    .get("/review/receipts").then().statusCode(200)
                    .extract().jsonPath().getList("latest.carrierMessageId", String.class).contains(probeCarrierId)) {
                assertTrue(System.nanoTime() < deadline, "the probe's receipt is kept for review after the outage");
                sleep(Duration.ofMillis(200));
            }
            // Counted per number, not from the carrier's total: a message of another test class (a deferred retry
            // released by this application) may reach the same simulator meanwhile and is not this test's.
            for (MessageApproved message : during) {
                assertEquals(1, carrier.messagesTo(message.recipient()).size(), "each one sent once");
            }
            assertEquals(1, carrier.messagesTo(probe.recipient()).size(), "the probe sent once, not again after");
            awaitReadiness(200);
        } finally {
            carrier.receiptsAsConfigured();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void awaitReadiness(int status) {
        Readiness.await("http://localhost:" + RestAssured.port, status, TIMEOUT);
    }
}
