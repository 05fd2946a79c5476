package org.compliantsms.dispatch.sending;

import static org.compliantsms.testing.TopicProbe.header;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.compliantsms.events.Category;
import org.compliantsms.events.DeliveryStatus;
import org.compliantsms.events.EventCodec;
import org.compliantsms.events.MessageApproved;
import org.compliantsms.events.MessageRejected;
import org.compliantsms.events.MessageRequested;
import org.compliantsms.events.MessageStatus;
import org.compliantsms.events.RejectionReason;
import org.compliantsms.events.SuppressionScope;
import org.compliantsms.events.Topics;
import org.compliantsms.events.text.SmsEncoding;
import org.compliantsms.suppression.RedisBatch;
import org.compliantsms.suppression.ReplyAllowances;
import org.compliantsms.suppression.SuppressionIndex;
import org.compliantsms.testing.CarrierSimulatorResource;
import org.compliantsms.testing.Metrics;
import org.compliantsms.testing.PlatformTestResource;
import org.compliantsms.testing.SimulatorAdmin;
import org.compliantsms.testing.TestEvents;
import org.compliantsms.testing.TestNumbers;
import org.compliantsms.testing.TestProducer;
import org.compliantsms.testing.TopicProbe;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.redis.client.Redis;

/** Dispatch through the real broker and Redis to the carrier simulator running as a process. */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = CarrierSimulatorResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
public class ApprovedMessageSenderIT {
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    SuppressionIndex index;

    @Inject
    ReplyAllowances allowances;

    @Inject
    Redis redis;

    @ConfigProperty(name = "test.simulator.admin-url")
    String simulatorUrl;

    @TestHTTPResource("/")
    URI base;

    SimulatorAdmin carrier;
    TopicProbe statuses;
    TopicProbe rejections;

    @BeforeEach
    void open() {
        carrier = new SimulatorAdmin(simulatorUrl);
        statuses = TopicProbe.open(Topics.MESSAGE_STATUS);
        rejections = TopicProbe.open(Topics.MESSAGE_REJECTED);
    }

    @AfterEach
    void close() {
        statuses.close();
        rejections.close();
    }

    public static MessageApproved approve(MessageRequested request) {
        SmsEncoding.Result encoding = SmsEncoding.of(request.body());
        Instant now = Instant.now();
        return new MessageApproved(request, request.body(), encoding.encoding(), encoding.segments(), false, now, now);
    }

    @Test
    void anApprovedMessageReachesTheCarrierAndItsSubmissionIsPublished() {
        String number = TestNumbers.frenchMobile();
        MessageApproved message = approve(TestEvents.marketing(number, "promo"));
        TestProducer.send(message);

        ConsumerRecord<String, byte[]> record = statuses.awaitRecords(r -> number.equals(r.key()), 1, TIMEOUT).get(0);
        MessageStatus status = EventCodec.decode(record.value(), MessageStatus.class);
        assertEquals(DeliveryStatus.SUBMITTED, status.status());
        assertEquals(message.messageId(), status.messageId());
        assertEquals("simulator", status.carrier());
        assertEquals("dispatch-service", header(record, "ce_source").orElseThrow());
        assertEquals("status:" + message.messageId() + ":SUBMITTED", header(record, "ce_id").orElseThrow());

        List<Map<String, Object>> received = carrier.awaitMessagesTo(number, 1, TIMEOUT);
        assertEquals(message.body(), received.get(0).get("text"));
        assertEquals(status.carrierMessageId(), received.get(0).get("carrierMessageId"));
    }

    @Test
    void submitsAndBoundSessionsAreMeasured() {
        Map<String, String> accepted = Map.of("carrier", "simulator", "result", "accepted");
        double before = Metrics.scrape(base).sum("sms_dispatch_submits_total", accepted);
        String number = TestNumbers.frenchMobile();
        TestProducer.send(approve(TestEvents.marketing(number, "promo")));
        statuses.awaitRecords(r -> number.equals(r.key()), 1, TIMEOUT);

        Metrics after = Metrics.scrape(base);
        assertTrue(after.sum("sms_dispatch_submits_total", accepted) >= before + 1);
        assertTrue(after.sum("sms_dispatch_submit_seconds_count", Map.of("carrier", "simulator")) >= 1);
        assertTrue(after.sum("sms_dispatch_sessions_bound", Map.of("carrier", "simulator")) >= 1);
    }

    @Test
    void theSubmitsAndTheReceiptsStatusesContinueTheApprovalsTrace() {
        String number = TestNumbers.frenchMobile();
        MessageApproved message = approve(TestEvents.marketing(number, "promo"));
        String trace = UUID.randomUUID().toString().replace("-", "");
        TestProducer.send(Topics.MESSAGE_APPROVED, number, EventCodec.encode(message),
                Map.of("traceparent", "00-" + trace + "-00f067aa0ba902b7-01"));

        List<ConsumerRecord<String, byte[]>> both = statuses.awaitRecords(r -> number.equals(r.key()), 2, TIMEOUT);
        for (ConsumerRecord<String, byte[]> status : both) {
            assertTrue(header(status, "traceparent").orElseThrow().startsWith("00-" + trace + "-"),
                    EventCodec.decode(status.value(), MessageStatus.class).status() + " carries the approval's trace");
        }
        assertEquals(List.of(DeliveryStatus.SUBMITTED, DeliveryStatus.DELIVERED), both.stream()
                .map(r -> EventCodec.decode(r.value(), MessageStatus.class).status()).toList());
    }

    @Test
    void aLongUnicodeMessageArrivesWhole() {
        String number = TestNumbers.frenchMobile();
        String body = "Привет! ".repeat(30); // 240 UCS-2 units: 4 parts (UDH8 by default), one message at the carrier
        TestProducer.send(approve(TestEvents.request(number, "promo", Category.TRANSACTIONAL, body)));

        assertEquals(body, carrier.awaitMessagesTo(number, 1, TIMEOUT).get(0).get("text"));
    }

    @Test
    void aRecipientWhoOptedOutAfterApprovalGetsNothing() {
        String number = TestNumbers.frenchMobile();
        index.write(number, SuppressionScope.program("promo"), true, Instant.now(), "test-stop").await().atMost(TIMEOUT);
        MessageApproved message = approve(TestEvents.marketing(number, "promo"));
        TestProducer.send(message);

        MessageRejected rejection = rejections.awaitEvent(MessageRejected.class,
                r -> r.messageId().equals(message.messageId()), TIMEOUT);
        assertEquals(RejectionReason.BLOCKED_AT_DISPATCH, rejection.reason());
        assertEquals("dispatch-service", rejection.rejectedBy());
        assertTrue(statuses.eventsDuring(MessageStatus.class, s -> number.equals(s.recipient()), Duration.ofSeconds(2))
                .isEmpty());
        assertTrue(carrier.messagesTo(number).isEmpty(), "nothing may reach the carrier after STOP");
    }

    static MessageRequested validUntil(MessageRequested r, Instant validUntil) {
        return new MessageRequested(r.messageId(), r.programId(), r.campaignId(), r.category(), r.recipient(),
                r.body(), r.senderId(), r.locale(), r.notBefore(), validUntil, r.requestedAt());
    }

    /**
     * The keyword reply compliance let through: inbound granted the allowance, compliance took it and marked the
     * message (as RequestScreening does), then approved it; the recipient is opted out by then.
     */
    @Test
    void theConfirmationComplianceLetThroughStillGoesOutToASuppressedNumber() {
        String number = TestNumbers.frenchMobile();
        index.write(number, SuppressionScope.program("promo"), true, Instant.now(), "test-stop").await().atMost(TIMEOUT);
        MessageApproved confirmation = approve(TestEvents.request(number, "promo", Category.CONFIRMATION,
                "You are unsubscribed from ACME."));
        letThroughAsComplianceDoes(confirmation);
        TestProducer.send(confirmation);

        assertEquals("You are unsubscribed from ACME.", carrier.awaitMessagesTo(number, 1, TIMEOUT).get(0).get("text"));
        assertEquals(DeliveryStatus.SUBMITTED, statuses.awaitEvent(MessageStatus.class,
                s -> s.messageId().equals(confirmation.messageId()), TIMEOUT).status());
    }

    /**
     * A CONFIRMATION or HELP that did not take the keyword's allowance (a campaign's, any producer's, here written
     * straight to the approved topic) is checked like any other message: blocked for an opted-out number, while
     * the confirmation compliance let through, produced right after it, reaches the carrier.
     */
    @Test
    void aForeignConfirmationOrHelpForAnOptedOutNumberIsBlockedAtDispatch() {
        String optedOut = TestNumbers.frenchMobile();
        String alsoOptedOut = TestNumbers.frenchMobile();
        for (String number : List.of(optedOut, alsoOptedOut)) {
            index.write(number, SuppressionScope.program("promo"), true, Instant.now(), "test-stop").await()
                    .atMost(TIMEOUT);
        }
        MessageApproved foreignConfirmation = approve(TestEvents.request(optedOut, "promo", Category.CONFIRMATION,
                "Big news! Reply YES for 50% off."));
        MessageApproved foreignHelp = approve(TestEvents.request(optedOut, "promo", Category.HELP, "New offers!"));
        MessageApproved real = approve(TestEvents.request(alsoOptedOut, "promo", Category.CONFIRMATION,
                "You are unsubscribed from ACME."));
        letThroughAsComplianceDoes(real);
        TestProducer.sendAll(List.of(foreignConfirmation, foreignHelp, real));

        for (MessageApproved foreign : List.of(foreignConfirmation, foreignHelp)) {
            MessageRejected rejection = rejections.awaitEvent(MessageRejected.class,
                    r -> r.messageId().equals(foreign.messageId()), TIMEOUT);
            assertEquals(RejectionReason.BLOCKED_AT_DISPATCH, rejection.reason());
        }
        assertEquals(1, carrier.awaitMessagesTo(alsoOptedOut, 1, TIMEOUT).size(), "the real confirmation went out");
        assertTrue(carrier.messagesTo(optedOut).isEmpty(), "nothing foreign reaches an opted-out number");
    }

    /**
     * validUntil is read again right before the submit: a message approved in time but reaching dispatch after it
     * (an outage, a backlog) is not sent and ends EXPIRED; the one behind it, still valid, reaches the carrier.
     */
    @Test
    void aMessageWhoseValidityPassedBeforeSubmitIsNotSentAndEndsExpired() {
        String late = TestNumbers.frenchMobile();
        String inTime = TestNumbers.frenchMobile();
        Instant validUntil = Instant.now().minusSeconds(1);
        MessageApproved expired = approve(validUntil(TestEvents.request(late, "promo", Category.CONFIRMATION,
                "You are unsubscribed from ACME."), validUntil));
        MessageApproved valid = approve(validUntil(TestEvents.request(inTime, "promo", Category.TRANSACTIONAL,
                "Your code: 1234"), Instant.now().plus(Duration.ofMinutes(5))));
        TestProducer.sendAll(List.of(expired, valid));

        MessageRejected rejection = rejections.awaitEvent(MessageRejected.class,
                r -> r.messageId().equals(expired.messageId()), TIMEOUT);
        assertEquals(RejectionReason.EXPIRED, rejection.reason());
        assertEquals("validUntil " + validUntil + " passed before submit", rejection.detail());
        assertEquals("dispatch-service", rejection.rejectedBy());
        assertEquals("Your code: 1234", carrier.awaitMessagesTo(inTime, 1, TIMEOUT).get(0).get("text"));
        assertTrue(carrier.messagesTo(late).isEmpty(), "not sent after its validUntil");

        TestProducer.send(expired); // a redelivery: the same outcome again, still nothing sent
        assertEquals(2, rejections.awaitEvents(MessageRejected.class, r -> r.messageId().equals(expired.messageId()),
                2, TIMEOUT).size());
        assertTrue(carrier.messagesTo(late).isEmpty());
    }

    private void letThroughAsComplianceDoes(MessageApproved reply) {
        MessageRequested request = reply.request();
        allowances.allow(request.category(), request.recipient(), request.programId(), request.messageId()).await()
                .atMost(TIMEOUT);
        RedisBatch take = new RedisBatch();
        RedisBatch.Reply<Boolean> took = allowances.take(take, request.category(), request.recipient(),
                request.programId(), request.messageId());
        take.execute(redis, TIMEOUT);
        assertTrue(took.get());
        RedisBatch mark = new RedisBatch();
        allowances.markAllowed(mark, reply.messageId());
        mark.execute(redis, TIMEOUT);
    }

    @Test
    void aRedeliveredMessageIsNotSentTwice() {
        String number = TestNumbers.frenchMobile();
        MessageApproved message = approve(TestEvents.marketing(number, "promo"));
        TestProducer.send(message);
        statuses.awaitEvent(MessageStatus.class, s -> number.equals(s.recipient()), TIMEOUT);
        TestProducer.send(message); // as after a rebalance, or a restart before the offset commit

        // Its receipt's DELIVERED comes too: the redelivery's announcement is a second SUBMITTED.
        List<MessageStatus> announced = statuses.awaitEvents(MessageStatus.class, s -> number.equals(s.recipient())
                && s.status() == DeliveryStatus.SUBMITTED, 2, TIMEOUT);
        assertEquals(announced.get(0).carrierMessageId(), announced.get(1).carrierMessageId());
        assertEquals(1, carrier.messagesTo(number).size(), "one submission for one messageId");
    }

    /**
     * Dispatch binds approvals without the schema check (only compliance writes them): one that binds but lacks its
     * request fails the bound contract at once (before, it made the handler fail and the batch was then checked
     * against the schema), goes to the dead-letter topic with the reason, and the message behind it is sent.
     * ApprovalContractIT covers the other breaks.
     */
    @Test
    void aMalformedApprovalGoesToTheDeadLetterTopicAndBlocksNothing() {
        String number = TestNumbers.frenchMobile();
        String next = TestNumbers.frenchMobile();
        byte[] bad = "{\"body\":\"no request\"}".getBytes(StandardCharsets.UTF_8);
        try (TopicProbe dlq = TopicProbe.open(Topics.MESSAGE_APPROVED_DLQ)) {
            TestProducer.send(Topics.MESSAGE_APPROVED, number, bad, Map.of());
            TestProducer.send(approve(TestEvents.marketing(next, "promo")));
            ConsumerRecord<String, byte[]> dead = dlq.awaitRecords(r -> number.equals(r.key()), 1, TIMEOUT).get(0);
            assertArrayEquals(bad, dead.value());
            assertTrue(header(dead, "dead-letter-reason").orElseThrow().contains("request"));
            assertEquals(1, carrier.awaitMessagesTo(next, 1, TIMEOUT).size());
        }
        assertTrue(carrier.messagesTo(number).isEmpty());
    }
}
