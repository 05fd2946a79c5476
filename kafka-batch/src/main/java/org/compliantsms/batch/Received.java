package org.compliantsms.batch;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.compliantsms.events.SmsEvent;

/** A decoded event with the record it came in (for its headers, or to dead-letter it). */
public record Received<T extends SmsEvent>(T event, ConsumerRecord<String, byte[]> record) {
}
