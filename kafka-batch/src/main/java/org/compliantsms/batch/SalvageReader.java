package org.compliantsms.batch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.compliantsms.events.EventCodec;
import org.compliantsms.events.PhoneNumbers;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a malformed record still says, for {@link BatchHandler#salvage}: its value read as JSON leniently (bytes that
 * are not UTF-8 read as U+FFFD, no schema), each field taken only when it has the right JSON type.
 */
public final class SalvageReader {
    private final ConsumerRecord<String, byte[]> record;
    private final JsonNode tree;

    private SalvageReader(ConsumerRecord<String, byte[]> record, JsonNode tree) {
        this.record = record;
        this.tree = tree;
    }

    /** Empty when the value is missing, empty, or no JSON object. */
    public static Optional<SalvageReader> of(ConsumerRecord<String, byte[]> record) {
        byte[] value = record.value();
        if (value == null || value.length == 0) {
            return Optional.empty();
        }
        try {
            JsonNode tree = EventCodec.mapper().readTree(new String(value, StandardCharsets.UTF_8));
            return tree != null && tree.isObject() ? Optional.of(new SalvageReader(record, tree)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** A string field. */
    public Optional<String> text(String field) {
        JsonNode node = tree.get(field);
        return node != null && node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
    }

    /** A string field that is a number in canonical E.164. */
    public Optional<String> e164(String field) {
        return text(field).filter(number -> {
            try {
                PhoneNumbers.requireE164(number);
                return true;
            } catch (PhoneNumbers.InvalidNumberException e) {
                return false;
            }
        });
    }

    /** An ISO 8601 instant field, else the record's Kafka timestamp. */
    public Instant instantOrRecordTime(String field) {
        Optional<String> text = text(field);
        if (text.isPresent()) {
            try {
                return Instant.parse(text.get());
            } catch (DateTimeParseException e) {
                // the record's own time below
            }
        }
        return Instant.ofEpochMilli(record.timestamp());
    }

    /**
     * An id for what is salvaged, from the record's place: a redelivery gives the same one, and a correct copy of
     * the original event is still told apart.
     */
    public String salvagedId() {
        return "salvaged:" + record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    /** Where the record is, for evidence and logs. */
    public String place() {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
