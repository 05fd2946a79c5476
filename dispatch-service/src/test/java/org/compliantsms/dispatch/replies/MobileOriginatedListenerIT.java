package org.compliantsms.dispatch.replies;

import static org.compliantsms.testing.TopicProbe.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.compliantsms.events.EventCodec;
import org.compliantsms.events.InboundReceived;
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
}
