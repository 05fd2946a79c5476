package org.compliantsms.compliance.screening;

import static io.restassured.RestAssured.given;
import static org.compliantsms.testing.TopicProbe.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.compliantsms.compliance.consent.ConsentRecorder;
import org.compliantsms.compliance.consent.TestConsents;
import org.compliantsms.compliance.timeline.Await;
import org.compliantsms.events.Category;
import org.compliantsms.events.Encoding;
import org.compliantsms.events.EventCodec;
import org.compliantsms.events.MessageApproved;
import org.compliantsms.events.MessageRejected;
import org.compliantsms.events.MessageRequested;
import org.compliantsms.events.RejectionReason;
import org.compliantsms.events.SuppressionScope;
import org.compliantsms.events.Topics;
import org.compliantsms.suppression.RedisBatch;
import org.compliantsms.suppression.ReplyAllowances;
import org.compliantsms.suppression.SuppressionIndex;
import org.compliantsms.testing.PlatformTestResource;
import org.compliantsms.testing.TestEvents;
import org.compliantsms.testing.TestNumbers;
import org.compliantsms.testing.TestProducer;
import org.compliantsms.testing.TestTokens;
import org.compliantsms.testing.TopicProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.redis.client.Redis;

/** Screening through the real broker and Redis: every request ends in exactly one outcome. */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RequestScreeningIT {
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    ConsentRecorder consents;

    @Inject
    SuppressionIndex index;

    @Inject
    ReplyAllowances allowances;

    @Inject
    Redis redis;

    TopicProbe approved;
    TopicProbe rejected;

    @BeforeEach
    void openProbes() {
        approved = TopicProbe.open(Topics.MESSAGE_APPROVED);
        rejected = TopicProbe.open(Topics.MESSAGE_REJECTED);
    }

    @AfterEach
    void closeProbes() {
        approved.close();
        rejected.close();
    }

    @Test
    void theDecisionContinuesTheRequestsTrace() {
        String number = TestNumbers.frenchMobile();
        TestConsents.grant(consents, number, "promo");
        String trace = UUID.randomUUID().toString().replace("-", "");
        TestProducer.send(Topics.MESSAGE_REQUESTED, number, EventCodec.encode(TestEvents.marketing(number, "promo")),
                Map.of("traceparent", "00-" + trace + "-00f067aa0ba902b7-01"));

        ConsumerRecord<String, byte[]> record = approved.awaitRecords(r -> number.equals(r.key()), 1, TIMEOUT).get(0);
        assertTrue(header(record, "traceparent").orElseThrow().startsWith("00-" + trace + "-"),
                "the approval carries the request's trace id");
    }

    @Test
    void aRequestToANumberThatDidNotOptOutIsApprovedWithCloudEventsHeaders() {
        String number = TestNumbers.frenchMobile();
        String consent = TestConsents.grant(consents, number, "promo");
        MessageRequested request = TestEvents.marketing(number, "promo");
        TestProducer.send(request);

        ConsumerRecord<String, byte[]> record = approved.awaitRecords(r -> number.equals(r.key()), 1, TIMEOUT).get(0);
        MessageApproved approval = EventCodec.decode(record.value(), MessageApproved.class);
        assertEquals(request, approval.request());
        assertEquals(consent, approval.consentId(), "the consent record that allowed it");
        assertEquals(Encoding.GSM7, approval.encoding());
        assertEquals(1, approval.segments());
        assertEquals("1.0", header(record, "ce_specversion").orElseThrow());
        assertEquals("approved:" + request.messageId(), header(record, "ce_id").orElseThrow());
        assertEquals("org.compliantsms.message-approved.v1", header(record, "ce_type").orElseThrow());
        assertEquals("compliance-service", header(record, "ce_source").orElseThrow());
        assertTrue(header(record, "ce_time").isPresent());
        assertEquals("application/json", header(record, "content-type").orElseThrow());
        assertTrue(rejected.eventsDuring(MessageRejected.class, r -> number.equals(r.recipient()), Duration.ofSeconds(1))
                .isEmpty(), "one outcome only");
    }

    @Test
    void aRequestToANumberThatOptedOutOfTheProgramIsRejected() {
        String number = TestNumbers.frenchMobile();
        index.write(number, SuppressionScope.program("promo"), true, Instant.now(), "test-stop").await().atMost(TIMEOUT);
        TestConsents.grant(consents, number, "alerts");
        MessageRequested blocked = TestEvents.marketing(number, "promo");
        MessageRequested otherProgram = TestEvents.marketing(number, "alerts");
        TestProducer.send(blocked);
        TestProducer.send(otherProgram);

        MessageRejected rejection = rejected.awaitEvent(MessageRejected.class, r -> number.equals(r.recipient()), TIMEOUT);
        assertEquals(blocked.messageId(), rejection.messageId());
        assertEquals(RejectionReason.OPTED_OUT, rejection.reason());
        assertEquals("compliance-service", rejection.rejectedBy());
        // the opt-out is per program: the other program still reaches the number
        MessageApproved approval = approved.awaitEvent(MessageApproved.class, a -> number.equals(a.recipient()), TIMEOUT);
        assertEquals(otherProgram.messageId(), approval.messageId());
    }

    @Test
    void aGlobalOptOutBlocksEveryProgramAndTransactionalToo() {
        String number = TestNumbers.frenchMobile();
        index.write(number, SuppressionScope.GLOBAL, true, Instant.now(), "test-stopall").await().atMost(TIMEOUT);
        TestProducer.send(TestEvents.marketing(number, "promo"));
        TestProducer.send(TestEvents.request(number, "alerts", Category.TRANSACTIONAL, "Your code is 123456"));

        var rejections = rejected.awaitEvents(MessageRejected.class, r -> number.equals(r.recipient()), 2, TIMEOUT);
        assertTrue(rejections.stream().allMatch(r -> r.reason() == RejectionReason.OPTED_OUT));
    }

    @Test
    void invalidAndExpiredRequestsAreRejectedWithTheirReason() {
        MessageRequested notANumber = TestEvents.marketing("0612345678", "promo");
        MessageRequested landline = TestEvents.marketing("+33142685300", "promo");
        String number = TestNumbers.frenchMobile();
        MessageRequested base = TestEvents.marketing(number, "promo");
        MessageRequested expired = new MessageRequested(base.messageId(), "promo", null, Category.MARKETING, number,
                "late", "ACME", null, null, Instant.now().minusSeconds(1), Instant.now().minusSeconds(60));
        TestProducer.send(notANumber);
        TestProducer.send(landline);
        TestProducer.send(expired);

        assertEquals(RejectionReason.INVALID_NUMBER, rejected.awaitEvent(MessageRejected.class,
                r -> r.messageId().equals(notANumber.messageId()), TIMEOUT).reason());
        MessageRejected fixedLine = rejected.awaitEvent(MessageRejected.class,
                r -> r.messageId().equals(landline.messageId()), TIMEOUT);
        assertEquals(RejectionReason.LANDLINE, fixedLine.reason());
        assertEquals("number.landline", fixedLine.rule());
        assertEquals(RejectionReason.EXPIRED, rejected.awaitEvent(MessageRejected.class,
                r -> r.messageId().equals(expired.messageId()), TIMEOUT).reason());
    }

    @Test
    void malformedRecordsGoToTheDeadLetterTopicWithTheirBytesAndDoNotBlockThePartition() {
        String number = TestNumbers.frenchMobile();
        byte[] garbage = "{\"messageId\": oops".getBytes(StandardCharsets.UTF_8);
        byte[] breaksSchema = "{\"messageId\":\"x\",\"category\":\"PROMO\"}".getBytes(StandardCharsets.UTF_8);
        try (TopicProbe dlq = TopicProbe.open(Topics.MESSAGE_REQUESTED_DLQ)) {
            TestProducer.send(Topics.MESSAGE_REQUESTED, number, garbage, Map.of());
            TestProducer.send(Topics.MESSAGE_REQUESTED, number, breaksSchema, Map.of());
            TestConsents.grant(consents, number, "promo");
            MessageRequested good = TestEvents.marketing(number, "promo");
            TestProducer.send(good); // same key, same partition, after the poison

            var garbageDead = dlq.awaitRecords(r -> number.equals(r.key()) && Arrays.equals(garbage, r.value()), 1,
                    TIMEOUT).get(0);
            assertTrue(header(garbageDead, "dead-letter-reason").orElseThrow().contains("not JSON"));
            var schemaDead = dlq.awaitRecords(r -> number.equals(r.key()) && Arrays.equals(breaksSchema, r.value()), 1,
                    TIMEOUT).get(0);
            String reason = header(schemaDead, "dead-letter-reason").orElseThrow();
            assertTrue(reason.contains("breaks its schema") && reason.contains("category"), reason);
            assertEquals(Topics.MESSAGE_REQUESTED, header(schemaDead, "dead-letter-topic").orElseThrow());

            assertEquals(good.messageId(),
                    approved.awaitEvent(MessageApproved.class, a -> number.equals(a.recipient()), TIMEOUT).messageId());
            // The timeline's group reads the same topic, past the same poison (it recorded the good request behind
            // it): a secondary consumer skips the poison, so each record is dead-lettered once, by the screening.
            Await.until("the timeline recorded the request behind the poison", () -> given().auth()
                    .oauth2(TestTokens.token("admin")).get("/messages/" + good.messageId()).statusCode() == 200);
            assertEquals(2, dlq.seen().stream().filter(r -> number.equals(r.key())).count(),
                    "one dead letter per poison record");
        }
    }

    @Test
    void theOneConfirmationPassesSuppressionOnceWithItsAllowance() {
        String number = TestNumbers.frenchMobile();
        index.write(number, SuppressionScope.program("promo"), true, Instant.now(), "test-stop").await().atMost(TIMEOUT);
        MessageRequested confirmation = TestEvents.request(number, "promo", Category.CONFIRMATION,
                "You are unsubscribed from ACME. No more messages will be sent.");
        allowances.allow(Category.CONFIRMATION, number, "promo", confirmation.messageId()).await()
                .atMost(TIMEOUT);
        MessageRequested second = TestEvents.request(number, "promo", Category.CONFIRMATION, "Unsubscribed again?");
        // Another producer's CONFIRMATION screened first cannot take the allowance, which names inbound's message.
        MessageRequested foreign = TestEvents.request(number, "promo", Category.CONFIRMATION, "Reply YES for 50% off");
        TestProducer.send(foreign);
        assertEquals(RejectionReason.OPTED_OUT, rejected.awaitEvent(MessageRejected.class,
                r -> r.messageId().equals(foreign.messageId()), TIMEOUT).reason());
        TestProducer.send(confirmation);
        approved.awaitEvent(MessageApproved.class, a -> a.messageId().equals(confirmation.messageId()), TIMEOUT);
        TestProducer.send(second);

        MessageRejected rejection = rejected.awaitEvent(MessageRejected.class,
                r -> r.messageId().equals(second.messageId()), TIMEOUT);
        assertEquals(RejectionReason.OPTED_OUT, rejection.reason());
        // Dispatch's last-mile check lets through only the message marked as having taken the allowance.
        assertTrue(allowedAtDispatch(confirmation.messageId()));
        assertFalse(allowedAtDispatch(second.messageId()));
        assertFalse(allowedAtDispatch(foreign.messageId()));
    }

    private boolean allowedAtDispatch(String messageId) {
        RedisBatch read = new RedisBatch();
        RedisBatch.Reply<Boolean> allowed = allowances.allowed(read, messageId);
        read.execute(redis, TIMEOUT);
        return allowed.get();
    }

    @Test
    void requestsOfOneRecipientKeepTheirOrderThroughBatches() {
        String first = TestNumbers.frenchMobile();
        String second = TestNumbers.frenchMobile();
        List<MessageRequested> requests = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            requests.add(TestEvents.request(i % 2 == 0 ? first : second, "promo", Category.TRANSACTIONAL, "Code " + i));
        }
        TestProducer.sendAll(requests);

        for (String number : List.of(first, second)) {
            List<String> sent = requests.stream().filter(r -> r.recipient().equals(number))
                    .map(MessageRequested::messageId).toList();
            List<String> outcomes = approved.awaitEvents(MessageApproved.class, a -> number.equals(a.recipient()),
                    sent.size(), TIMEOUT).stream().map(MessageApproved::messageId).toList();
            assertEquals(sent, outcomes, "approvals of one recipient in request order");
        }
    }
}
