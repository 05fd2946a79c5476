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
import org.compliantsms.events.MessageRequested;
import org.compliantsms.events.MessageStatus;
import org.compliantsms.events.RejectionReason;
import org.compliantsms.events.Topics;
import org.compliantsms.events.text.SmsEncoding;
import org.compliantsms.testing.CarrierSimulatorResource;
import org.compliantsms.testing.PlatformTestResource;
import org.compliantsms.testing.SimulatorAdmin;
import org.compliantsms.testing.TestEvents;
import org.compliantsms.testing.TestNumbers;
import org.compliantsms.testing.TestProducer;
import org.compliantsms.testing.TopicProbe;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** A message for later waits in the deferral store, not in the consumer: what follows it is not delayed. */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = CarrierSimulatorResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class DeferredSendingIT {
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final Duration AHEAD = Duration.ofMinutes(2);
    static final Duration ON_TIME = Duration.ofSeconds(1);

    @ConfigProperty(name = "test.simulator.admin-url")
    String simulatorUrl;

    static MessageApproved approve(MessageRequested request, Instant sendAfter) {
        SmsEncoding.Result encoding = SmsEncoding.of(request.body());
        return new MessageApproved(request, request.body(), encoding.encoding(), encoding.segments(), false, sendAfter,
                Instant.now());
    }

    @Test
    void aMessageForLaterGoesOutOnTimeAndDelaysNothingBehindIt() {
        SimulatorAdmin carrier = new SimulatorAdmin(simulatorUrl);
        String number = TestNumbers.frenchMobile();
        Instant notBefore = Instant.now().plus(AHEAD);
        MessageApproved later = approve(TestEvents.request(number, "promo", Category.TRANSACTIONAL, "Your slot opens"),
                notBefore);
        List<MessageApproved> now = new ArrayList<>();
        // Behind it on its partition: a message to the same number, due now; and traffic to others.
        now.add(approve(TestEvents.request(number, "promo", Category.TRANSACTIONAL, "Right now"), Instant.now()));
        for (int i = 0; i < 20; i++) {
            now.add(approve(TestEvents.request(TestNumbers.frenchMobile(), "promo", Category.TRANSACTIONAL, "Now " + i),
                    Instant.now()));
        }
        Set<String> nowIds = now.stream().map(MessageApproved::messageId).collect(Collectors.toSet());
        try (TopicProbe statuses = TopicProbe.open(Topics.MESSAGE_STATUS)) {
            TestProducer.send(later);
            TestProducer.sendAll(now);

            statuses.awaitEvents(MessageStatus.class, s -> nowIds.contains(s.messageId()), nowIds.size(), TIMEOUT);
            List<Map<String, Object>> atCarrier = carrier.messagesTo(number);
            assertEquals(List.of("Right now"), atCarrier.stream().map(m -> m.get("text")).toList(),
                    "what follows the deferred message is sent at once, the deferred one is not");

            MessageStatus sent = statuses.awaitEvent(MessageStatus.class, s -> s.messageId().equals(later.messageId()),
                    Duration.between(Instant.now(), notBefore).plus(TIMEOUT));
            assertEquals(DeliveryStatus.SUBMITTED, sent.status());
        }
        Map<String, Object> deferred = carrier.awaitMessagesTo(number, 2, TIMEOUT).get(1);
        assertEquals("Your slot opens", deferred.get("text"));
        Instant receivedAt = Instant.parse((String) deferred.get("receivedAt"));
        assertTrue(!receivedAt.isBefore(notBefore), "not before its time: " + receivedAt + " < " + notBefore);
        assertTrue(Duration.between(notBefore, receivedAt).compareTo(ON_TIME) <= 0,
                "on time within " + ON_TIME + ": " + Duration.between(notBefore, receivedAt));
    }

    /**
     * A message waiting in the deferral store whose validUntil passes before its sendAfter comes is released, not
     * sent, and ends EXPIRED; the one deferred beside it, still valid, goes out at that same time.
     */
    @Test
    void aDeferredMessageWhoseValidityPassesWhileWaitingEndsExpiredNotSent() {
        SimulatorAdmin carrier = new SimulatorAdmin(simulatorUrl);
        String number = TestNumbers.frenchMobile();
        Instant sendAfter = Instant.now().plusSeconds(3);
        Instant validUntil = Instant.now().plusSeconds(2);
        MessageApproved expiring = approve(ApprovedMessageSenderIT.validUntil(
                TestEvents.request(number, "promo", Category.TRANSACTIONAL, "Too late"), validUntil), sendAfter);
        MessageApproved valid = approve(ApprovedMessageSenderIT.validUntil(
                TestEvents.request(number, "promo", Category.TRANSACTIONAL, "In time"), sendAfter.plusSeconds(60)),
                sendAfter);
        try (TopicProbe rejections = TopicProbe.open(Topics.MESSAGE_REJECTED);
                TopicProbe statuses = TopicProbe.open(Topics.MESSAGE_STATUS)) {
            TestProducer.sendAll(List.of(expiring, valid));

            MessageRejected expired = rejections.awaitEvent(MessageRejected.class,
                    r -> r.messageId().equals(expiring.messageId()), TIMEOUT);
            assertEquals(RejectionReason.EXPIRED, expired.reason());
            assertEquals("validUntil " + validUntil + " passed before submit", expired.detail());
            assertTrue(!expired.rejectedAt().isBefore(sendAfter.minus(ON_TIME)), "ended when released");
            assertEquals(DeliveryStatus.SUBMITTED, statuses.awaitEvent(MessageStatus.class,
                    s -> s.messageId().equals(valid.messageId()), TIMEOUT).status());
        }
        assertEquals(List.of("In time"), carrier.messagesTo(number).stream().map(m -> m.get("text")).toList());
    }
}
