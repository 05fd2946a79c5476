package org.compliantsms.dispatch.sending;

import static org.compliantsms.dispatch.sending.ApprovedMessageSenderIT.approve;
import static org.compliantsms.testing.TopicProbe.header;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.compliantsms.events.Category;
import org.compliantsms.events.EventType;
import org.compliantsms.events.MessageApproved;
import org.compliantsms.events.MessageStatus;
import org.compliantsms.events.Topics;
import org.compliantsms.testing.CarrierSimulatorResource;
import org.compliantsms.testing.PlatformTestResource;
import org.compliantsms.testing.PoisonRecords;
import org.compliantsms.testing.SimulatorAdmin;
import org.compliantsms.testing.TestEvents;
import org.compliantsms.testing.TestNumbers;
import org.compliantsms.testing.TestProducer;
import org.compliantsms.testing.TopicProbe;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Dispatch binds approvals without the schema check (check-schema=false), yet an approval that binds to the record
 * but breaks the contract is dead-lettered at once with what is wrong, never sent: the bound check (BoundContract)
 * and binding without type coercion. The approval behind it, on the same partition, is sent as usual.
 */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = CarrierSimulatorResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
public class ApprovalContractIT {
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    @ConfigProperty(name = "test.simulator.admin-url")
    String simulatorUrl;

    @Test
    void anApprovalThatBindsButBreaksTheContractIsDeadLetteredNotSent() {
        SimulatorAdmin carrier = new SimulatorAdmin(simulatorUrl);
        String number = TestNumbers.frenchMobile();
        String fiveThousand = "x".repeat(5000);
        Map<String, Consumer<ObjectNode>> poisons = new LinkedHashMap<>();
        poisons.put("/body: 5000 characters do not fit in 1 GSM7 segment", a -> a.put("body", fiveThousand));
        poisons.put("/request/body: 5000 characters", a -> {
            a.put("body", fiveThousand);
            a.put("segments", 33);
            ((ObjectNode) a.get("request")).put("body", fiveThousand);
        });
        poisons.put("/segments: -1", a -> a.put("segments", -1));
        poisons.put("/request/recipient: not E.164", a -> ((ObjectNode) a.get("request")).put("recipient",
                "0" + number.substring(3)));
        poisons.put("/request/programId: required", a -> ((ObjectNode) a.get("request")).remove("programId"));
        poisons.put("cannot bind /body", a -> a.put("body", 42));

        try (TopicProbe dlq = TopicProbe.open(Topics.MESSAGE_APPROVED_DLQ);
                TopicProbe statuses = TopicProbe.open(Topics.MESSAGE_STATUS)) {
            Map<String, byte[]> sent = new LinkedHashMap<>();
            for (var poison : poisons.entrySet()) {
                MessageApproved valid = approve(TestEvents.request(number, "promo", Category.TRANSACTIONAL,
                        "Your code is " + UUID.randomUUID()));
                byte[] value = PoisonRecords.changed(valid, poison.getValue());
                TestProducer.send(Topics.MESSAGE_APPROVED, number, value, TestProducer.cloudEvents(
                        EventType.MESSAGE_APPROVED, valid.eventId(), valid.eventTime()));
                sent.put(poison.getKey(), value);
            }
            MessageApproved good = approve(TestEvents.request(number, "promo", Category.TRANSACTIONAL, "Code 1234"));
            TestProducer.send(good); // same key, same partition, behind the poison

            assertEquals(1, carrier.awaitMessagesTo(number, 1, TIMEOUT).size());
            assertEquals("Code 1234", carrier.messagesTo(number).get(0).get("text"));
            for (var poison : sent.entrySet()) {
                List<ConsumerRecord<String, byte[]>> dead = dlq.awaitRecords(
                        r -> number.equals(r.key()) && java.util.Arrays.equals(poison.getValue(), r.value()), 1, TIMEOUT);
                assertEquals(1, dead.size(), poison.getKey());
                ConsumerRecord<String, byte[]> record = dead.get(0);
                assertArrayEquals(poison.getValue(), record.value());
                String reason = header(record, "dead-letter-reason").orElseThrow();
                assertTrue(reason.contains(poison.getKey()), reason);
                assertEquals("dispatch-service", header(record, "dead-letter-group").orElseThrow());
                assertEquals("approved", header(record, "dead-letter-consumer").orElseThrow());
                assertEquals(Topics.MESSAGE_APPROVED, header(record, "dead-letter-topic").orElseThrow());
                assertEquals("test", header(record, "ce_source").orElseThrow(), "the original headers are kept");
            }
            statuses.awaitEvent(MessageStatus.class, s -> s.messageId().equals(good.messageId()), TIMEOUT);
            assertEquals(List.of(good.messageId()), statuses.seen().stream()
                    .filter(r -> number.equals(r.key()))
                    .map(r -> org.compliantsms.events.EventCodec.decode(r.value(), MessageStatus.class).messageId())
                    .distinct().toList(), "no status for any poison");
        }
        assertTrue(carrier.messagesTo("0" + number.substring(3)).isEmpty());
        assertEquals(1, carrier.messagesTo(number).size(), "the good one alone reached the carrier");
    }
}
