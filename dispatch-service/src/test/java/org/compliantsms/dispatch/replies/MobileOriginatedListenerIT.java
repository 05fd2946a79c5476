package org.compliantsms.dispatch.replies;

import static org.compliantsms.testing.TopicProbe.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.compliantsms.events.EventCodec;
import org.compliantsms.events.InboundReceived;
import org.compliantsms.events.InboundUnattributed;
import org.compliantsms.events.Topics;
import org.compliantsms.testing.CarrierSimulatorResource;
import org.compliantsms.testing.PlatformTestResource;
import org.compliantsms.testing.SimulatorAdmin;
import org.compliantsms.testing.TestNumbers;
import org.compliantsms.testing.TopicProbe;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** A reply delivered on the SMPP session becomes an inbound-received event before it is acknowledged. */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = CarrierSimulatorResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class MobileOriginatedListenerIT {
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    @ConfigProperty(name = "test.simulator.admin-url")
    String simulatorUrl;

    @Test
    void aReplyOnTheSmppSessionIsPublishedForInbound() throws InterruptedException {
        String number = TestNumbers.frenchMobile();
        SimulatorAdmin carrier = new SimulatorAdmin(simulatorUrl);
        try (TopicProbe inbound = TopicProbe.open(Topics.INBOUND_RECEIVED)) {
            int status = carrier.inject(number, "36180", "Arrêt");
            for (int attempt = 0; attempt < 50 && status == 503; attempt++) { // until dispatch has bound
                Thread.sleep(200);
                status = carrier.inject(number, "36180", "Arrêt");
            }
            assertEquals(202, status);

            ConsumerRecord<String, byte[]> record = inbound.awaitRecords(r -> number.equals(r.key()), 1, TIMEOUT)
                    .get(0);
            InboundReceived reply = EventCodec.decode(record.value(), InboundReceived.class);
            assertEquals(number, reply.from());
            assertEquals("36180", reply.to());
            assertEquals("Arrêt", reply.text());
            assertEquals("simulator", reply.carrier());
            assertNull(reply.classification(), "inbound classifies it");
            assertEquals("org.compliantsms.inbound-received.v1", header(record, "ce_type").orElseThrow());
        }
    }

    /** Source addresses as standard SMSCs write them (the carrier's country is FR in the test profile). */
    @Test
    void everyTypeOfNumberIsNormalisedToE164() throws InterruptedException {
        String number = TestNumbers.frenchMobile(); // +336...
        String national = "0" + number.substring(3);
        SimulatorAdmin carrier = new SimulatorAdmin(simulatorUrl);
        try (TopicProbe inbound = TopicProbe.open(Topics.INBOUND_RECEIVED)) {
            assertEquals(202, injectWhenBound(carrier, number.substring(1), 1, "STOP ton 1"));
            assertEquals(202, injectWhenBound(carrier, number.substring(1), 0, "STOP ton 0"));
            assertEquals(202, injectWhenBound(carrier, "00" + number.substring(1), 0, "STOP ton 0 with 00"));
            assertEquals(202, injectWhenBound(carrier, national, 2, "STOP ton 2"));

            List<InboundReceived> replies = inbound.awaitEvents(InboundReceived.class,
                    r -> number.equals(r.from()), 4, TIMEOUT);
            assertEquals(Set.of("STOP ton 1", "STOP ton 0", "STOP ton 0 with 00", "STOP ton 2"),
                    replies.stream().map(InboundReceived::text).collect(Collectors.toSet()));
        }
    }

    @Test
    void anAlphanumericSenderIsKeptForReviewNotDeadLettered() throws InterruptedException {
        String sender = "ACME" + (System.nanoTime() % 100_000);
        SimulatorAdmin carrier = new SimulatorAdmin(simulatorUrl);
        try (TopicProbe review = TopicProbe.open(Topics.INBOUND_UNATTRIBUTED)) {
            assertEquals(202, injectWhenBound(carrier, sender, 5, "STOP"));

            InboundUnattributed kept = review.awaitEvent(InboundUnattributed.class, r -> sender.equals(r.rawFrom()),
                    TIMEOUT);
            assertEquals(5, kept.fromTon());
            assertEquals("STOP", kept.text());
            assertEquals("36180", kept.to());
            assertEquals("simulator", kept.carrier());
            assertTrue(kept.reason().contains("alphanumeric"), kept.reason());
        }
    }

    /** 202 once dispatch has bound a session to receive it. */
    private static int injectWhenBound(SimulatorAdmin carrier, String sourceAddr, int ton, String text)
            throws InterruptedException {
        int status = carrier.inject(sourceAddr, ton, "36180", text);
        for (int attempt = 0; attempt < 50 && status == 503; attempt++) {
            Thread.sleep(200);
            status = carrier.inject(sourceAddr, ton, "36180", text);
        }
        return status;
    }
}
