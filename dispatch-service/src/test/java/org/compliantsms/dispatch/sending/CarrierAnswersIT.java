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
import org.compliantsms.events.MessageRejected;
import org.compliantsms.events.MessageStatus;
import org.compliantsms.events.RejectionReason;
import org.compliantsms.events.Topics;
import org.compliantsms.testing.CarrierSimulatorResource;
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
import io.quarkus.test.junit.QuarkusTest;

/**
 * What the carrier answers decides what happens next: no answer means the submit may have left, so it is never
 * repeated (UNCONFIRMED); "try later" is retried with a backoff while everything else flows, a bounded number of
 * times; "never" ends FAILED with the carrier's code at once; a status nobody classed is tried a few times.
 */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = CarrierSimulatorResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class CarrierAnswersIT {
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** dispatch.smpp.response-timeout is 2 s in tests. */
    static final int LATE_ANSWER_MS = 6_000;
    static final int THROTTLED = 0x58;
    static final int INVALID_DESTINATION = 0x0B;
    /** Not in the SMPP 3.4 table: a vendor's own code. */
    static final int VENDOR_STATUS = 0x400;

    @ConfigProperty(name = "test.simulator.admin-url")
    String simulatorUrl;

    SimulatorAdmin carrier;
    TopicProbe statuses;

    @BeforeEach
    void open() {
        carrier = new SimulatorAdmin(simulatorUrl);
        statuses = TopicProbe.open(Topics.MESSAGE_STATUS);
    }

    @AfterEach
    void close() {
        carrier.behaveNormally();
        statuses.close();
    }

    @Test
    void aSubmitWithoutAnAnswerEndsUnconfirmedAndIsNeverSubmittedAgain() {
        String silent = TestNumbers.frenchMobile();
        String normal = TestNumbers.frenchMobile();
        carrier.behave(Map.of(silent, LATE_ANSWER_MS), Map.of());
        MessageApproved unanswered = ApprovedMessageSenderIT.approve(TestEvents.marketing(silent, "promo"));
        MessageApproved answered = ApprovedMessageSenderIT.approve(TestEvents.marketing(normal, "promo"));
        TestProducer.sendAll(List.of(unanswered, answered));

        MessageStatus status = statuses.awaitEvent(MessageStatus.class,
                s -> answered(s) && s.messageId().equals(unanswered.messageId()), TIMEOUT);
        assertEquals(DeliveryStatus.UNCONFIRMED, status.status());
        assertEquals(DeliveryStatus.SUBMITTED, statuses.awaitEvent(MessageStatus.class,
                s -> answered(s) && s.messageId().equals(answered.messageId()), TIMEOUT).status());

        TestProducer.send(unanswered); // a redelivery, as after a rebalance: announced again, not submitted
        List<MessageStatus> announced = statuses.awaitEvents(MessageStatus.class,
                s -> answered(s) && s.messageId().equals(unanswered.messageId()), 2, TIMEOUT);
        assertEquals(DeliveryStatus.UNCONFIRMED, announced.get(1).status());
        // Beyond the late answer and any retry: the carrier saw it once.
        sleep(Duration.ofMillis(LATE_ANSWER_MS + 2_000));
        assertEquals(1, carrier.messagesTo(silent).size(), "an unconfirmed submit is never repeated");
        assertEquals(1, carrier.messagesTo(normal).size());
    }

    /**
     * The first attempts refused "throttled" (by the simulator's prefix rule: the number is its own prefix), the
     * next accepted: retried from the deferral store with the backoff (0.5 s then 1 s in tests, up to 20% less),
     * while the messages behind it went out at once.
     */
    @Test
    void aTransientRefusalIsRetriedWithBackoffWhileOthersFlowThenSubmitted() {
        String throttled = TestNumbers.frenchMobile();
        carrier.refuse(throttled, THROTTLED, 2);
        MessageApproved retried = ApprovedMessageSenderIT.approve(
                TestEvents.request(throttled, "promo", Category.TRANSACTIONAL, "Code 1234"));
        List<MessageApproved> others = others(10);
        Set<String> otherIds = others.stream().map(MessageApproved::messageId).collect(Collectors.toSet());
        Instant sent = Instant.now();
        TestProducer.send(retried);
        TestProducer.sendAll(others);

        MessageStatus status = statuses.awaitEvent(MessageStatus.class,
                s -> answered(s) && s.messageId().equals(retried.messageId()),
                TIMEOUT);
        Duration took = Duration.between(sent, Instant.now());
        assertEquals(DeliveryStatus.SUBMITTED, status.status());
        List<MessageStatus> flowed = statuses.awaitEvents(MessageStatus.class,
                s -> answered(s) && otherIds.contains(s.messageId()),
                otherIds.size(), TIMEOUT);
        assertTrue(flowed.stream().allMatch(s -> s.status() == DeliveryStatus.SUBMITTED));
        assertTrue(flowed.stream().allMatch(s -> s.occurredAt().isBefore(status.occurredAt())),
                "the messages behind the refused one did not wait for it");
        assertEquals(2, carrier.refusalsOf(throttled));
        assertEquals(1, carrier.messagesTo(throttled).size());
        assertTrue(took.compareTo(Duration.ofMillis(1_200)) >= 0, "two waits of 0.4..0.5 s and 0.8..1 s: " + took);
    }

    /** A permanent refusal: FAILED at once with its code, never retried, blocking nothing behind it. */
    @Test
    void aPermanentRefusalEndsFailedWithItsCodeWithoutBlockingTheMessagesBehindIt() {
        String invalid = TestNumbers.frenchMobile();
        carrier.behave(Map.of(), Map.of(invalid, INVALID_DESTINATION));
        MessageApproved refused = ApprovedMessageSenderIT.approve(TestEvents.marketing(invalid, "promo"));
        // Behind it: one more to the same number (same partition), and traffic to others.
        MessageApproved sameNumber = ApprovedMessageSenderIT.approve(TestEvents.marketing(invalid, "promo"));
        List<MessageApproved> others = others(20);
        Set<String> otherIds = others.stream().map(MessageApproved::messageId).collect(Collectors.toSet());
        TestProducer.send(refused);
        TestProducer.send(sameNumber);
        TestProducer.sendAll(others);

        MessageStatus failed = statuses.awaitEvent(MessageStatus.class,
                s -> answered(s) && s.messageId().equals(refused.messageId()),
                TIMEOUT);
        assertEquals(DeliveryStatus.FAILED, failed.status());
        assertEquals("smpp:0x0000000B ESME_RINVDSTADR invalid destination address", failed.error());
        assertEquals("simulator", failed.carrier());
        assertEquals(DeliveryStatus.FAILED, statuses.awaitEvent(MessageStatus.class,
                s -> answered(s) && s.messageId().equals(sameNumber.messageId()), TIMEOUT).status());
        assertTrue(statuses.awaitEvents(MessageStatus.class,
                s -> answered(s) && otherIds.contains(s.messageId()), otherIds.size(),
                TIMEOUT).stream().allMatch(s -> s.status() == DeliveryStatus.SUBMITTED));
        // Exactly one terminal event each, and the carrier saw each submit once: no retry of a permanent refusal.
        assertEquals(1, statuses.eventsDuring(MessageStatus.class,
                s -> answered(s) && s.messageId().equals(refused.messageId()),
                Duration.ofSeconds(2)).size());
        assertEquals(2, carrier.refusalsOf(invalid));
    }

    /** A status the table does not know: retried twice, then FAILED with the code, never retried forever. */
    @Test
    void anUnknownStatusFailsAfterTheBoundedAttempts() {
        String vendor = TestNumbers.frenchMobile();
        carrier.behave(Map.of(), Map.of(vendor, VENDOR_STATUS));
        MessageApproved message = ApprovedMessageSenderIT.approve(TestEvents.marketing(vendor, "promo"));
        List<MessageApproved> others = others(5);
        TestProducer.send(message);
        TestProducer.sendAll(others);

        MessageStatus failed = statuses.awaitEvent(MessageStatus.class,
                s -> answered(s) && s.messageId().equals(message.messageId()),
                TIMEOUT);
        assertEquals(DeliveryStatus.FAILED, failed.status());
        assertEquals("smpp:0x00000400 (not in the error table), refused 3 times", failed.error());
        for (MessageApproved other : others) {
            assertEquals(DeliveryStatus.SUBMITTED, statuses.awaitEvent(MessageStatus.class,
                    s -> answered(s) && s.messageId().equals(other.messageId()), TIMEOUT).status());
        }
        // Longer than another backoff (2 s in tests): no fourth attempt, no second outcome.
        assertTrue(statuses.eventsDuring(MessageStatus.class,
                s -> answered(s) && s.messageId().equals(message.messageId()),
                Duration.ofSeconds(3)).size() == 1);
        assertEquals(3, carrier.refusalsOf(vendor));
    }

    /** A transient refusal that never clears: FAILED with its code after max-attempts (8), never retried forever. */
    @Test
    void aTransientRefusalThatNeverClearsFailsAfterTheLastAttempt() {
        String throttled = TestNumbers.frenchMobile();
        carrier.refuse(throttled, THROTTLED, 0);
        MessageApproved message = ApprovedMessageSenderIT.approve(TestEvents.marketing(throttled, "promo"));
        TestProducer.send(message);

        // 0.5 + 1 + 2 × 5 s of backoff in tests (up to 20% less).
        MessageStatus failed = statuses.awaitEvent(MessageStatus.class,
                s -> answered(s) && s.messageId().equals(message.messageId()),
                Duration.ofSeconds(60));
        assertEquals(DeliveryStatus.FAILED, failed.status());
        assertEquals("smpp:0x00000058 ESME_RTHROTTLED throttling error (message rate exceeded), refused 8 times",
                failed.error());
        assertEquals(8, carrier.refusalsOf(throttled));
        assertTrue(carrier.messagesTo(throttled).isEmpty());
    }

    /**
     * A message waiting for its retry whose validUntil passes meanwhile is not tried again: it ends EXPIRED when the
     * deferral store releases it (attempts at 0, ~0.5 and ~1.5 s; the fourth would be at ~3.5 s, after validUntil).
     */
    @Test
    void aRetryWhoseValidityPassedWhileWaitingEndsExpiredNotSent() {
        String throttled = TestNumbers.frenchMobile();
        carrier.refuse(throttled, THROTTLED, 0);
        Instant validUntil = Instant.now().plusMillis(2_500);
        MessageApproved message = ApprovedMessageSenderIT.approve(ApprovedMessageSenderIT.validUntil(
                TestEvents.request(throttled, "promo", Category.TRANSACTIONAL, "Your code: 4321"), validUntil));
        try (TopicProbe rejections = TopicProbe.open(Topics.MESSAGE_REJECTED)) {
            TestProducer.send(message);

            MessageRejected expired = rejections.awaitEvent(MessageRejected.class,
                    r -> r.messageId().equals(message.messageId()), TIMEOUT);
            assertEquals(RejectionReason.EXPIRED, expired.reason());
            assertEquals("validUntil " + validUntil + " passed before submit", expired.detail());
            assertTrue(!expired.rejectedAt().isBefore(validUntil));
        }
        assertEquals(3, carrier.refusalsOf(throttled), "tried while valid, not after");
        assertTrue(statuses.eventsDuring(MessageStatus.class,
                s -> answered(s) && s.messageId().equals(message.messageId()),
                Duration.ofSeconds(1)).isEmpty(), "no status: its one outcome is the rejection");
    }

    private static List<MessageApproved> others(int count) {
        List<MessageApproved> others = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            others.add(ApprovedMessageSenderIT.approve(TestEvents.marketing(TestNumbers.frenchMobile(), "promo")));
        }
        return others;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The submit's own outcome, not the status of a delivery receipt that follows a SUBMITTED. */
    private static boolean answered(MessageStatus status) {
        return status.status() == DeliveryStatus.SUBMITTED || status.status() == DeliveryStatus.FAILED
                || status.status() == DeliveryStatus.UNCONFIRMED;
    }
}
