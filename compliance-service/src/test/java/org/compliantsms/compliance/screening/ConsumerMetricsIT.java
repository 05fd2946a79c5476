package org.compliantsms.compliance.screening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.compliantsms.events.Category;
import org.compliantsms.events.Topics;
import org.compliantsms.testing.Metrics;
import org.compliantsms.testing.PlatformTestResource;
import org.compliantsms.testing.TestEvents;
import org.compliantsms.testing.TestNumbers;
import org.compliantsms.testing.TestProducer;
import org.compliantsms.testing.TopicProbe;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The consumer and decision metrics move with traffic: records handled, outputs by topic, dead letters, decisions. */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ConsumerMetricsIT {
    private static final Map<String, String> REQUESTS = Map.of("consumer", "requests");

    @TestHTTPResource("/")
    URI base;

    @Test
    void recordsOutputsAndDeadLettersAreCounted() {
        Metrics before = Metrics.scrape(base);
        double records = before.sum("sms_batch_records_total", REQUESTS);
        double approvals = before.sum("sms_batch_outputs_total", Map.of("consumer", "requests", "output",
                Topics.MESSAGE_APPROVED));
        double deadLetters = before.sum("sms_batch_dead_letters_total", REQUESTS);
        double decidedApproved = before.sum("sms_compliance_decisions_total", Map.of("outcome", "APPROVED"));

        String number = TestNumbers.frenchMobile();
        try (TopicProbe approved = TopicProbe.open(Topics.MESSAGE_APPROVED);
                TopicProbe dlq = TopicProbe.open(Topics.MESSAGE_REQUESTED_DLQ)) {
            // TRANSACTIONAL: the metrics are the subject, not consent
            TestProducer.send(TestEvents.request(number, "promo", Category.TRANSACTIONAL, "Your code is 1234"));
            String poisonKey = TestNumbers.frenchMobile();
            TestProducer.send(Topics.MESSAGE_REQUESTED, poisonKey, "{not json".getBytes(StandardCharsets.UTF_8),
                    Map.of());
            approved.awaitRecords(r -> number.equals(r.key()), 1, Duration.ofSeconds(30));
            dlq.awaitRecords(r -> poisonKey.equals(r.key()), 1, Duration.ofSeconds(30));
        }

        Metrics after = Metrics.scrape(base);
        assertTrue(after.sum("sms_batch_records_total", REQUESTS) >= records + 1);
        assertTrue(after.sum("sms_batch_outputs_total", Map.of("consumer", "requests", "output",
                Topics.MESSAGE_APPROVED)) >= approvals + 1);
        assertTrue(after.sum("sms_batch_dead_letters_total", REQUESTS) >= deadLetters + 1);
        assertEquals(0, after.sum("sms_batch_waiting", REQUESTS));
        assertTrue(after.sum("sms_compliance_decisions_total", Map.of("outcome", "APPROVED")) >= decidedApproved + 1);
        assertTrue(after.has("sms_batch_duration_seconds_count"));
        assertTrue(after.has("kafka_consumer_fetch_manager_records_lag_max"), "Kafka client metrics bound");
    }
}
