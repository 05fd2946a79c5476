package org.compliantsms.dispatch.sending;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;

import org.compliantsms.events.Category;
import org.compliantsms.events.DeliveryStatus;
import org.compliantsms.events.MessageApproved;
import org.compliantsms.events.MessageRejected;
import org.compliantsms.events.MessageStatus;
import org.compliantsms.events.RejectionReason;
import org.compliantsms.events.SuppressionScope;
import org.compliantsms.events.Topics;
import org.compliantsms.suppression.RedisBatch;
import org.compliantsms.suppression.erased.ErasedSuppressionIndex;
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
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;

/**
 * The last check reads the suppression that compliance keeps of erased numbers under their HMAC (the number in
 * clear is gone from the index), and waits while that copy is not loaded in Redis.
 */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = CarrierSimulatorResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ErasedNumbersIT {
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    ErasedSuppressionIndex erased;

    @Inject
    ErasedCopyLoader loader;

    @Inject
    Redis redis;

    @ConfigProperty(name = "test.simulator.admin-url")
    String simulatorUrl;

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
        loader.resume();
        statuses.close();
        rejections.close();
    }

    @Test
    void anErasedNumberWhoOptedOutGetsNothingNotEvenAForeignConfirmation() {
        String number = TestNumbers.frenchMobile();
        RedisBatch keep = new RedisBatch();
        keep.add(ErasedSuppressionIndex.keep(erased.hmac().of(number), SuppressionScope.GLOBAL, Instant.now(),
                "test-erasure"), r -> null);
        keep.execute(redis, TIMEOUT);
        MessageApproved promo = ApprovedMessageSenderIT.approve(TestEvents.marketing(number, "promo"));
        MessageApproved confirmation = ApprovedMessageSenderIT.approve(TestEvents.request(number, "promo",
                Category.CONFIRMATION, "Reply YES for 50% off."));
        String other = TestNumbers.frenchMobile();
        MessageApproved control = ApprovedMessageSenderIT.approve(TestEvents.marketing(other, "promo"));
        TestProducer.send(promo);
        TestProducer.send(confirmation);
        TestProducer.send(control);

        for (MessageApproved blocked : new MessageApproved[] { promo, confirmation }) {
            MessageRejected rejection = rejections.awaitEvent(MessageRejected.class,
                    r -> r.messageId().equals(blocked.messageId()), TIMEOUT);
            assertEquals(RejectionReason.BLOCKED_AT_DISPATCH, rejection.reason());
        }
        assertEquals(1, carrier.awaitMessagesTo(other, 1, TIMEOUT).size(), "a number not erased is sent to");
        assertTrue(carrier.messagesTo(number).isEmpty(), "nothing reaches the erased, opted-out number");
    }

    @Test
    void nothingIsSentWhileTheErasedCopyIsNotLoaded() {
        MessageApproved before = ApprovedMessageSenderIT.approve(TestEvents.request(TestNumbers.frenchMobile(), "promo",
                Category.TRANSACTIONAL, "Before"));
        Instant sent = Instant.now();
        TestProducer.send(before);
        assertEquals(DeliveryStatus.SUBMITTED, statuses.awaitEvent(MessageStatus.class,
                s -> s.messageId().equals(before.messageId()), TIMEOUT).status());
        Duration positive = Duration.between(sent, Instant.now());

        loader.pause();
        redis.send(Request.cmd(Command.DEL).arg(ErasedSuppressionIndex.MARKER)).await().atMost(TIMEOUT);
        String number = TestNumbers.frenchMobile();
        MessageApproved waiting = ApprovedMessageSenderIT.approve(TestEvents.request(number, "promo",
                Category.TRANSACTIONAL, "Waiting"));
        TestProducer.send(waiting);
        Duration quiet = Duration.ofSeconds(3).plus(positive.multipliedBy(3));
        assertTrue(statuses.eventsDuring(MessageStatus.class, s -> s.messageId().equals(waiting.messageId()), quiet)
                .isEmpty(), "nothing submitted while the erased numbers' suppression is not loaded");
        assertTrue(carrier.messagesTo(number).isEmpty());

        loader.resume();
        assertEquals(DeliveryStatus.SUBMITTED, statuses.awaitEvent(MessageStatus.class,
                s -> s.messageId().equals(waiting.messageId()), TIMEOUT).status());
        assertEquals(1, carrier.awaitMessagesTo(number, 1, TIMEOUT).size());
    }
}
