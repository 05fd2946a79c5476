package org.compliantsms.compliance.suppression;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.compliantsms.events.ConsentAction;
import org.compliantsms.events.ConsentChanged;
import org.compliantsms.events.ConsentSource;
import org.compliantsms.events.EventCodec;
import org.compliantsms.events.Identifiers;
import org.compliantsms.events.PhoneNumbers;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The opt-out a malformed consent change still states: JSON that names {@code OPT_OUT} (with a valid program) or
 * {@code OPT_OUT_ALL} of a number in E.164, whatever else is wrong with it (an unknown source, a missing time, a
 * field of the wrong type, bytes that are not UTF-8). Stopping messages someone may have asked to stop is the safe side; granting, lifting or
 * anything less certain is never salvaged. An {@code OPT_OUT} whose program cannot be read is not widened to every
 * program: it stays only a dead letter, as a record that names no number does.
 * <p>
 * The salvaged change has its own event id, derived from the record's place ({@code salvaged:<topic>-<partition>@<
 * offset>}), so that a redelivery records it once and a correct copy of the original event is still recorded as
 * itself; its time is the record's occurredAt when readable, else the record's Kafka timestamp.
 */
final class OptOutSalvage {
    private OptOutSalvage() {
    }

    static Optional<ConsentChanged> of(ConsumerRecord<String, byte[]> record) {
        byte[] value = record.value();
        if (value == null || value.length == 0) {
            return Optional.empty();
        }
        JsonNode tree;
        try {
            // invalid UTF-8 in some field (evidence, say) must not hide the opt-out: such bytes read as U+FFFD
            tree = EventCodec.mapper().readTree(new String(value, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
        if (tree == null || !tree.isObject()) {
            return Optional.empty();
        }
        ConsentAction action = action(text(tree, "action"));
        String recipient = e164(text(tree, "recipient"));
        String programId = text(tree, "programId");
        if (action == null || recipient == null
                || action == ConsentAction.OPT_OUT && !Identifiers.isProgramId(programId)) {
            return Optional.empty();
        }
        String place = record.topic() + "-" + record.partition() + "@" + record.offset();
        String originalId = text(tree, "eventId");
        String evidence = "salvaged from the malformed record " + place
                + (Identifiers.isMessageId(originalId) ? " (eventId " + originalId + ")" : "");
        return Optional.of(new ConsentChanged("salvaged:" + place, action, recipient,
                action == ConsentAction.OPT_OUT ? programId : null, source(text(tree, "source")), null, null,
                evidence, null, false, occurredAt(text(tree, "occurredAt"), record.timestamp())));
    }

    private static ConsentAction action(String name) {
        if (ConsentAction.OPT_OUT.name().equals(name)) {
            return ConsentAction.OPT_OUT;
        }
        return ConsentAction.OPT_OUT_ALL.name().equals(name) ? ConsentAction.OPT_OUT_ALL : null;
    }

    private static String e164(String number) {
        try {
            return number == null ? null : PhoneNumbers.requireE164(number);
        } catch (PhoneNumbers.InvalidNumberException e) {
            return null;
        }
    }

    /** The record's source when it is one; otherwise ADMIN: no keyword, API call or import can be told from it. */
    private static ConsentSource source(String name) {
        for (ConsentSource source : ConsentSource.values()) {
            if (source.name().equals(name)) {
                return source;
            }
        }
        return ConsentSource.ADMIN;
    }

    private static Instant occurredAt(String text, long recordTimestamp) {
        if (text != null) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                // the record's own time below
            }
        }
        return Instant.ofEpochMilli(recordTimestamp);
    }

    private static String text(JsonNode tree, String field) {
        JsonNode node = tree.get(field);
        return node != null && node.isTextual() ? node.asText() : null;
    }
}
