package org.compliantsms.compliance.screening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.compliantsms.events.Category;
import org.compliantsms.events.ConsentAction;
import org.compliantsms.events.MessageApproved;
import org.compliantsms.events.MessageRejected;
import org.compliantsms.events.MessageRequested;
import org.compliantsms.events.RejectionReason;
import org.compliantsms.events.SuppressionState;
import org.compliantsms.events.Topics;
import org.compliantsms.testing.OwnRedisResource;
import org.compliantsms.testing.Readiness;
import org.compliantsms.testing.RedisServerProcess;
import org.compliantsms.testing.TestEvents;
import org.compliantsms.testing.TestNumbers;
import org.compliantsms.testing.TestProducer;
import org.compliantsms.testing.TopicProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * Fail closed against a Redis of the test's own: stopped for 90 s, or restarted empty. Nothing is decided while
 * the index cannot be read or is incomplete; everything is decided, correctly, once it is back.
 */
@QuarkusTest
@WithTestResource(value = OwnRedisResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class RedisFailureIT {
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final Duration OUTAGE = Duration.ofSeconds(90);

    RedisServerProcess redis = OwnRedisResource.server();
    TopicProbe approved;
    TopicProbe rejected;

    @BeforeEach
    void open() {
        approved = TopicProbe.open(Topics.MESSAGE_APPROVED);
        rejected = TopicProbe.open(Topics.MESSAGE_REJECTED);
    }

    @AfterEach
    void close() {
        approved.close();
        rejected.close();
    }

    @Test
    void aRedisThatComesBackEmptyIsRebuiltFromTheCompactedTopicBeforeAnythingIsDecided() {
        String number = TestNumbers.frenchMobile();
        try (TopicProbe suppression = TopicProbe.open(Topics.SUPPRESSION)) {
            TestProducer.send(TestEvents.consent(ConsentAction.OPT_OUT, number, "promo", Instant.now()));
            suppression.awaitEvent(SuppressionState.class, s -> number.equals(s.recipient()), TIMEOUT);
        }
        MessageRequested before = TestEvents.marketing(number, "promo");
        TestProducer.send(before);
        assertEquals(RejectionReason.OPTED_OUT, rejected.awaitEvent(MessageRejected.class,
                r -> r.messageId().equals(before.messageId()), TIMEOUT).reason());

        redis.stop();
        redis.startAgain(); // empty: no persistence, as the platform's Redis
        MessageRequested after = TestEvents.marketing(number, "promo");
        TestProducer.send(after);

        // Decided on the empty index it would be approved; decided after the rebuild it is rejected.
        assertEquals(RejectionReason.OPTED_OUT, rejected.awaitEvent(MessageRejected.class,
                r -> r.messageId().equals(after.messageId()), TIMEOUT).reason());
        assertTrue(approved.eventsDuring(MessageApproved.class, a -> a.messageId().equals(after.messageId()),
                Duration.ofSeconds(1)).isEmpty());
        awaitReadiness(200, TIMEOUT);
    }

    @Test
    void aNinetySecondOutagePausesScreeningAndEverythingCompletesAfterIt() {
        MessageRequested probe = TestEvents.request(TestNumbers.frenchMobile(), "promo", Category.TRANSACTIONAL, "Up");
        TestProducer.send(probe);
        Instant sent = Instant.now();
        approved.awaitEvent(MessageApproved.class, a -> a.messageId().equals(probe.messageId()), TIMEOUT);
        Duration positive = Duration.between(sent, Instant.now());

        redis.stop();
        List<MessageRequested> during = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            during.add(TestEvents.request(TestNumbers.frenchMobile(), "promo", Category.TRANSACTIONAL, "Outage " + i));
        }
        TestProducer.sendAll(during);
        Set<String> ids = during.stream().map(MessageRequested::messageId).collect(Collectors.toSet());
        awaitReadiness(503, TIMEOUT);

        // A request approved in `positive` while Redis was up; none of these in 90 s while it is down.
        assertTrue(OUTAGE.compareTo(positive.multipliedBy(3)) > 0);
        assertTrue(approved.eventsDuring(MessageApproved.class, a -> ids.contains(a.messageId()), OUTAGE).isEmpty(),
                "nothing approved while Redis is down");
        assertTrue(rejected.eventsDuring(MessageRejected.class, r -> ids.contains(r.messageId()), Duration.ofSeconds(1))
                .isEmpty(), "nothing rejected blind either");
        awaitReadiness(503, TIMEOUT);

        redis.startAgain();
        approved.awaitEvents(MessageApproved.class, a -> ids.contains(a.messageId()), ids.size(), Duration.ofSeconds(60));
        awaitReadiness(200, TIMEOUT);
    }

    private static void awaitReadiness(int status, Duration timeout) {
        Readiness.await("http://localhost:" + RestAssured.port, status, timeout);
    }
}
