package org.compliantsms.bench;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.compliantsms.events.InstantText;
import org.compliantsms.events.EventCodec;
import org.compliantsms.events.EventType;
import org.compliantsms.events.SmsEvent;

/** An event as a producing team writes it: keyed by its partition key, binary-mode CloudEvents headers. */
public final class CloudEventRecords {
    public static final String SOURCE = "bench";

    private CloudEventRecords() {
    }

    public static ProducerRecord<String, byte[]> of(SmsEvent event) {
        EventType type = EventType.of(event.getClass());
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(type.topic(), event.partitionKey(),
                EventCodec.encode(event));
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", event.eventId());
        header(record, "ce_type", type.ceType());
        header(record, "ce_source", SOURCE);
        header(record, "ce_time", InstantText.format(event.eventTime()));
        header(record, "content-type", "application/json");
        return record;
    }

    /** The same record (key, value, headers) on another topic: what the relay benchmark moves. */
    public static ProducerRecord<String, byte[]> copyTo(String topic, ProducerRecord<String, byte[]> record) {
        return new ProducerRecord<>(topic, null, record.key(), record.value(), record.headers());
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
