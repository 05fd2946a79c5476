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
 * repeated (UNCONFIRMED); "try later" is retried with a backoff while everything else flows.
 */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = CarrierSimulatorResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class CarrierAnswersIT {
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** dispatch.smpp.response-timeout is 2 s in tests. */
    static final int LATE_ANSWER_MS = 6_000;
    static final int THROTTLED = 0x58;

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
                s -> s.messageId().equals(unanswered.messageId()), TIMEOUT);
        assertEquals(DeliveryStatus.UNCONFIRMED, status.status());
        assertEquals(DeliveryStatus.SUBMITTED, statuses.awaitEvent(MessageStatus.class,
                s -> s.messageId().equals(answered.messageId()), TIMEOUT).status());

        TestProducer.send(unanswered); // a redelivery, as after a rebalance: announced again, not submitted
        List<MessageStatus> announced = statuses.awaitEvents(MessageStatus.class,
                s -> s.messageId().equals(unanswered.messageId()), 2, TIMEOUT);
        assertEquals(DeliveryStatus.UNCONFIRMED, announced.get(1).status());
        // Beyond the late answer and any retry: the carrier saw it once.
        sleep(Duration.ofMillis(LATE_ANSWER_MS + 2_000));
        assertEquals(1, carrier.messagesTo(silent).size(), "an unconfirmed submit is never repeated");
        assertEquals(1, carrier.messagesTo(normal).size());
    }

    @Test
    void aThrottlingCarrierIsRetriedWithBackoffWhileOthersFlow() {
        String throttled = TestNumbers.frenchMobile();
        carrier.behave(Map.of(), Map.of(throttled, THROTTLED));
        MessageApproved retried = ApprovedMessageSenderIT.approve(
                TestEvents.request(throttled, "promo", Category.TRANSACTIONAL, "Code 1234"));
        List<MessageApproved> others = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            others.add(ApprovedMessageSenderIT.approve(TestEvents.marketing(TestNumbers.frenchMobile(), "promo")));
        }
        Set<String> otherIds = others.stream().map(MessageApproved::messageId).collect(Collectors.toSet());
        TestProducer.send(retried);
        TestProducer.sendAll(others);

        statuses.awaitEvents(MessageStatus.class, s -> otherIds.contains(s.messageId()), otherIds.size(), TIMEOUT);
        assertTrue(statuses.eventsDuring(MessageStatus.class, s -> s.messageId().equals(retried.messageId()),
                Duration.ofSeconds(1)).isEmpty(), "refused for now: no outcome yet");

        carrier.behaveNormally();
        Instant released = Instant.now();
        MessageStatus status = statuses.awaitEvent(MessageStatus.class, s -> s.messageId().equals(retried.messageId()),
                Duration.ofSeconds(60));
        assertEquals(DeliveryStatus.SUBMITTED, status.status());
        assertEquals(1, carrier.messagesTo(throttled).size());
        assertTrue(Duration.between(released, Instant.now()).compareTo(Duration.ofSeconds(40)) < 0);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
