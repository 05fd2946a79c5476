package org.compliantsms.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

class EventMessagesTest {

    @Test
    void messageIsKeyedByRecipientAndCarriesCloudEventsAttributes() {
        Instant at = Instant.parse("2026-11-26T10:00:00Z");
        MessageRequested request = new MessageRequested("m-1", "p", null, Category.MARKETING, "+33612345678", "hi",
                "ACME", null, null, null, at);
        MessageApproved approved = new MessageApproved(request, "hi", Encoding.GSM7, 1, false, at, at);

        Message<MessageApproved> message = EventMessages.of(approved);

        assertEquals("+33612345678", message.getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow().getKey());
        OutgoingCloudEventMetadata<?> ce = message.getMetadata(OutgoingCloudEventMetadata.class).orElseThrow();
        assertEquals("approved:m-1", ce.getId());
        assertEquals("org.compliantsms.message-approved.v1", ce.getType());
        assertEquals("application/json", ce.getDataContentType().orElseThrow());
        assertEquals(at, ce.getTimeStamp().orElseThrow().toInstant());
    }
}
