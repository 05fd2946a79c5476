package org.compliantsms.inbound.replies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.compliantsms.events.InboundReceived;
import org.junit.jupiter.api.Test;

class SalvagedReplyTest {
    static final String NUMBER = "+33612345678";
    static final long RECORD_TIME = Instant.parse("2026-12-03T10:00:00Z").toEpochMilli();

    @Test
    void aReplyWithAnUnknownIntentComesBackUnclassifiedUnderItsPlace() {
        InboundReceived reply = salvage("{\"inboundId\":\"smpp-1\",\"from\":\"" + NUMBER + "\",\"to\":\"36180\","
                + "\"text\":\"STOP\",\"carrier\":\"simulator\",\"receivedAt\":\"2026-12-03T09:00:00Z\","
                + "\"classification\":{\"intent\":\"MAYBE\"}}").orElseThrow();
        assertEquals("salvaged:sms.inbound-received.v1-2@7", reply.inboundId());
        assertEquals(NUMBER, reply.from());
        assertEquals("36180", reply.to());
        assertEquals("STOP", reply.text());
        assertEquals("simulator", reply.carrier());
        assertEquals(Instant.parse("2026-12-03T09:00:00Z"), reply.receivedAt());
        assertNull(reply.classification());
    }

    @Test
    void withoutItsTimeOrCarrierItTakesTheRecordsTime() {
        InboundReceived reply = salvage("{\"from\":\"" + NUMBER + "\",\"to\":\"36180\",\"text\":\"ARRET\"}")
                .orElseThrow();
        assertEquals(Instant.ofEpochMilli(RECORD_TIME), reply.receivedAt());
        assertEquals("unknown", reply.carrier());
    }

    @Test
    void aReplyWithoutItsSenderNumberOrTextIsNotSalvaged() {
        assertTrue(salvage("{\"from\":33612345678,\"to\":\"36180\",\"text\":\"STOP\"}").isEmpty());
        assertTrue(salvage("{\"from\":\"0612345678\",\"to\":\"36180\",\"text\":\"STOP\"}").isEmpty());
        assertTrue(salvage("{\"from\":\"" + NUMBER + "\",\"to\":\" \",\"text\":\"STOP\"}").isEmpty());
        assertTrue(salvage("{\"from\":\"" + NUMBER + "\",\"to\":\"36180\"}").isEmpty());
        assertTrue(salvage("[1]").isEmpty());
        assertTrue(salvage("not json").isEmpty());
    }

    static Optional<InboundReceived> salvage(String json) {
        return SalvagedReply.of(new ConsumerRecord<>("sms.inbound-received.v1", 2, 7, RECORD_TIME,
                TimestampType.CREATE_TIME, 0, 0, NUMBER, json.getBytes(StandardCharsets.UTF_8), new RecordHeaders(),
                Optional.empty()));
    }
}
