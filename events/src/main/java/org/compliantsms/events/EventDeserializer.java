package org.compliantsms.events;

import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka deserializer for plain Kafka clients (analysts' tools, tests): picks the record type from the topic
 * (dead-letter topics included) and validates against the schema; throws {@link MalformedEventException}.
 * The services consume bytes and call {@link EventCodec#decode} themselves, so that a malformed record is
 * nacked to the dead-letter topic with its original bytes instead of failing the consumer.
 */
public class EventDeserializer implements Deserializer<SmsEvent> {
    @Override
    public SmsEvent deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        EventType type = EventType.ofTopic(topic)
                .orElseThrow(() -> new MalformedEventException("no event type for topic " + topic));
        return EventCodec.decode(data, type.recordType());
    }
}
