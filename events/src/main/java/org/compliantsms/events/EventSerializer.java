package org.compliantsms.events;

import org.apache.kafka.common.serialization.Serializer;

/** Kafka serializer of every event of the contract ({@code value.serializer} of every outgoing channel). */
public class EventSerializer implements Serializer<Object> {
    @Override
    public byte[] serialize(String topic, Object data) {
        return data == null ? null : EventCodec.encode(data);
    }
}
