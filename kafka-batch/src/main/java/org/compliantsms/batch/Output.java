package org.compliantsms.batch;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.compliantsms.events.EventCodec;
import org.compliantsms.events.EventType;
import org.compliantsms.events.InstantText;
import org.compliantsms.events.SmsEvent;
import org.compliantsms.events.Topics;

/** One record a batch produces: an event of the contract, or a dead letter. */
public record Output(String topic, String key, byte[] value, Headers headers) {

    /** Dead-letter headers, the names SmallRye's dead-letter-queue strategy used (documented for SREs). */
    public static final String DLQ_REASON = "dead-letter-reason";
    public static final String DLQ_CAUSE = "dead-letter-cause";
    public static final String DLQ_TOPIC = "dead-letter-topic";
    public static final String DLQ_PARTITION = "dead-letter-partition";
    public static final String DLQ_OFFSET = "dead-letter-offset";
    /** The consumer group that dead-lettered the record (each deciding group of a topic dead-letters it once). */
    public static final String DLQ_GROUP = "dead-letter-group";
    /** The consumer (its {@code batch.consumers.<name>}) that dead-lettered it. */
    public static final String DLQ_CONSUMER = "dead-letter-consumer";
    /** On a dead letter whose record the consumer still acted on ({@link BatchHandler#salvage}): what it made of it. */
    public static final String DLQ_SALVAGED = "dead-letter-salvaged";
    /** W3C trace context headers (the record's trace, see {@link #causedBy}). */
    static final String TRACEPARENT = "traceparent";
    static final String TRACESTATE = "tracestate";

    /**
     * The event on its topic, keyed by its partition key, with the CloudEvents 1.0 attributes as binary-mode
     * headers ({@code ce_*} and {@code content-type}).
     */
    public static Output event(SmsEvent event, String source) {
        EventType type = EventType.of(event.getClass());
        RecordHeaders headers = new RecordHeaders();
        add(headers, "ce_specversion", "1.0");
        add(headers, "ce_id", event.eventId());
        add(headers, "ce_type", type.ceType());
        add(headers, "ce_source", source);
        add(headers, "ce_time", InstantText.format(event.eventTime()));
        add(headers, "content-type", "application/json");
        return new Output(type.topic(), event.partitionKey(), EventCodec.encode(event), headers);
    }

    /** The record as it came, to {@code <topic>.dlq}, with why. */
    public static Output deadLetter(ConsumerRecord<String, byte[]> record, String reason, Throwable cause) {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        add(headers, DLQ_REASON, reason == null ? "unknown" : reason);
        if (cause != null && cause.getCause() != null) {
            add(headers, DLQ_CAUSE, String.valueOf(cause.getCause()));
        }
        add(headers, DLQ_TOPIC, record.topic());
        add(headers, DLQ_PARTITION, Integer.toString(record.partition()));
        add(headers, DLQ_OFFSET, Long.toString(record.offset()));
        return new Output(record.topic() + Topics.DLQ_SUFFIX, record.key(), record.value(), headers);
    }

    /**
     * This output continues the trace of the record that caused it (its W3C {@code traceparent}/{@code tracestate}
     * headers), so a message's path from request to carrier is one trace; the consumer loop adds its own span.
     */
    public Output causedBy(ConsumerRecord<String, byte[]> cause) {
        for (String name : new String[] { TRACEPARENT, TRACESTATE }) {
            Header header = cause.headers().lastHeader(name);
            if (header != null) {
                headers.remove(name);
                headers.add(name, header.value());
            }
        }
        return this;
    }

    /** This output joins the trace of the given W3C {@code traceparent} (none when null). */
    public Output inTrace(String traceparent) {
        if (traceparent != null) {
            headers.remove(TRACEPARENT);
            headers.add(TRACEPARENT, traceparent.getBytes(StandardCharsets.UTF_8));
        }
        return this;
    }

    ProducerRecord<String, byte[]> toRecord() {
        return new ProducerRecord<>(topic, null, key, value, headers);
    }

    private static void add(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
