package org.compliantsms.compliance.suppression;

import static org.compliantsms.testing.TopicProbe.header;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.compliantsms.events.Category;
import org.compliantsms.events.ConsentAction;
import org.compliantsms.events.ConsentChanged;
import org.compliantsms.events.EventCodec;
import org.compliantsms.events.MessageApproved;
import org.compliantsms.events.MessageRejected;
import org.compliantsms.events.MessageRequested;
import org.compliantsms.events.RejectionReason;
import org.compliantsms.events.SuppressionState;
import org.compliantsms.events.Topics;
import org.compliantsms.suppression.SuppressionIndex;
import org.compliantsms.testing.PlatformTestResource;
import org.compliantsms.testing.TestEvents;
import org.compliantsms.testing.TestNumbers;
import org.compliantsms.testing.TestProducer;
import org.compliantsms.testing.TopicProbe;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Consent changes through the real broker become suppression state in Redis and on the compacted topic. */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ConsentChangeConsumerIT {
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    SuppressionIndex index;

    @Test
    void anOptOutSuppressesTheProgramAndAnOptInLiftsIt() {
        String number = TestNumbers.frenchMobile();
        Instant t = Instant.now();
        ConsentChanged stop = TestEvents.consent(ConsentAction.OPT_OUT, number, "promo", t);
        try (TopicProbe suppression = TopicProbe.open(Topics.SUPPRESSION);
                TopicProbe rejected = TopicProbe.open(Topics.MESSAGE_REJECTED);
                TopicProbe approved = TopicProbe.open(Topics.MESSAGE_APPROVED)) {
            TestProducer.send(stop);

            ConsumerRecord<String, byte[]> record = suppression.awaitRecords(
                    r -> ("program:promo:" + number).equals(r.key()), 1, TIMEOUT).get(0);
            SuppressionState state = EventCodec.decode(record.value(), SuppressionState.class);
            assertTrue(state.suppressed());
            assertEquals(stop.eventId(), state.consentEventId());
            assertEquals("org.compliantsms.suppression.v1", header(record, "ce_type").orElseThrow());
            assertEquals(Optional.of("program:promo"), index.suppressingScope(number, "promo").await().atMost(TIMEOUT));

            // TRANSACTIONAL: suppression is the subject (an opt-out also withdraws marketing consent: ConsentIT)
            MessageRequested afterStop = TestEvents.request(number, "promo", Category.TRANSACTIONAL, "Code 1");
            TestProducer.send(afterStop);
            assertEquals(RejectionReason.OPTED_OUT, rejected.awaitEvent(MessageRejected.class,
                    r -> r.messageId().equals(afterStop.messageId()), TIMEOUT).reason());

            TestProducer.send(TestEvents.consent(ConsentAction.OPT_IN, number, "promo", t.plusSeconds(1)));
            SuppressionState lifted = suppression.awaitEvents(SuppressionState.class,
                    s -> s.recipient().equals(number) && !s.suppressed(), 1, TIMEOUT).get(0);
            assertEquals(ConsentAction.OPT_IN, lifted.cause());
            assertEquals(Optional.empty(), index.suppressingScope(number, "promo").await().atMost(TIMEOUT));

            MessageRequested afterStart = TestEvents.request(number, "promo", Category.TRANSACTIONAL, "Code 2");
            TestProducer.send(afterStart);
            approved.awaitEvent(MessageApproved.class, a -> a.messageId().equals(afterStart.messageId()), TIMEOUT);
        }
    }

    @Test
    void stopAllSuppressesTheNumberGlobally() {
        String number = TestNumbers.frenchMobile();
        try (TopicProbe suppression = TopicProbe.open(Topics.SUPPRESSION)) {
            TestProducer.send(TestEvents.consent(ConsentAction.OPT_OUT_ALL, number, null, Instant.now()));
            suppression.awaitRecords(r -> ("global:" + number).equals(r.key()), 1, TIMEOUT);
            assertEquals(Optional.of("global"), index.suppressingScope(number, "anything").await().atMost(TIMEOUT));
        }
    }

    @Test
    void aMalformedConsentChangeGoesToItsDeadLetterTopic() {
        String number = TestNumbers.frenchMobile();
        byte[] noProgram = ("{\"eventId\":\"e\",\"action\":\"OPT_OUT\",\"recipient\":\"" + number
                + "\",\"source\":\"KEYWORD\",\"occurredAt\":\"2026-11-26T10:00:00Z\"}").getBytes(StandardCharsets.UTF_8);
        try (TopicProbe dlq = TopicProbe.open(Topics.CONSENT_CHANGED_DLQ)) {
            TestProducer.send(Topics.CONSENT_CHANGED, number, noProgram, Map.of());
            ConsumerRecord<String, byte[]> dead = dlq.awaitRecords(r -> number.equals(r.key()), 1, TIMEOUT).get(0);
            assertArrayEquals(noProgram, dead.value());
            assertTrue(header(dead, "dead-letter-reason").orElseThrow().contains("programId"));
            assertFalse(index.suppressingScope(number, "promo").await().atMost(TIMEOUT).isPresent());
        }
    }
}
