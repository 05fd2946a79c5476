package org.compliantsms.events;

import java.time.ZoneOffset;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Wraps an event into the message every service produces: keyed by the event's partition key, with the
 * CloudEvents attributes (id, type, time, content type) the Kafka connector writes as {@code ce_*} headers in
 * binary mode. {@code ce_source} is the producing service, set per channel ({@code cloud-events-source}).
 */
public final class EventMessages {
    public static final String CONTENT_TYPE = "application/json";

    private EventMessages() {
    }

    public static <T extends SmsEvent> Message<T> of(T event) {
        EventType type = EventType.of(event.getClass());
        OutgoingCloudEventMetadata<Object> cloudEvent = OutgoingCloudEventMetadata.builder()
                .withId(event.eventId())
                .withType(type.ceType())
                .withDataContentType(CONTENT_TYPE)
                .withTimestamp(event.eventTime().atZone(ZoneOffset.UTC))
                .build();
        OutgoingKafkaRecordMetadata<String> kafka = OutgoingKafkaRecordMetadata.<String> builder()
                .withKey(event.partitionKey())
                .build();
        return Message.of(event).addMetadata(kafka).addMetadata(cloudEvent);
    }
}
