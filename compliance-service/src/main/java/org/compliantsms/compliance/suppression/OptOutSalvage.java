package org.compliantsms.compliance.suppression;

import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.compliantsms.batch.SalvageReader;
import org.compliantsms.events.ConsentAction;
import org.compliantsms.events.ConsentChanged;
import org.compliantsms.events.ConsentSource;
import org.compliantsms.events.Identifiers;

/**
 * The opt-out a malformed consent change still states: JSON that names {@code OPT_OUT} (with a valid program) or
 * {@code OPT_OUT_ALL} of a number in E.164, whatever else is wrong with it (an unknown source, a missing time, a
 * field of the wrong type, bytes that are not UTF-8). Stopping messages someone may have asked to stop is the safe
 * side; granting, lifting or anything less certain is never salvaged. An {@code OPT_OUT} whose program cannot be read
 * is not widened to every program: it stays only a dead letter, as a record that names no number does.
 * <p>
 * The salvaged change has its own event id, from the record's place ({@code salvaged:<topic>-<partition>@<offset>}),
 * so that a redelivery records it once and a correct copy of the original event is still recorded as itself; its
 * time is the record's occurredAt when readable, else the record's Kafka timestamp; its source is the record's when
 * it is one, else ADMIN (no keyword, API call or import can be told from it).
 */
final class OptOutSalvage {
    private OptOutSalvage() {
    }

    static Optional<ConsentChanged> of(ConsumerRecord<String, byte[]> record) {
        return SalvageReader.of(record).flatMap(reader -> {
            Optional<ConsentAction> action = reader.text("action").flatMap(OptOutSalvage::optOut);
            Optional<String> recipient = reader.e164("recipient");
            Optional<String> programId = reader.text("programId").filter(Identifiers::isProgramId);
            if (action.isEmpty() || recipient.isEmpty()
                    || action.get() == ConsentAction.OPT_OUT && programId.isEmpty()) {
                return Optional.empty();
            }
            String evidence = "salvaged from the malformed record " + reader.place() + reader.text("eventId")
                    .filter(Identifiers::isMessageId).map(id -> " (eventId " + id + ")").orElse("");
            return Optional.of(new ConsentChanged(reader.salvagedId(), action.get(), recipient.get(),
                    action.get() == ConsentAction.OPT_OUT ? programId.get() : null,
                    reader.text("source").flatMap(OptOutSalvage::source).orElse(ConsentSource.ADMIN), null, null,
                    evidence, null, false, reader.instantOrRecordTime("occurredAt")));
        });
    }

    private static Optional<ConsentAction> optOut(String name) {
        if (ConsentAction.OPT_OUT.name().equals(name)) {
            return Optional.of(ConsentAction.OPT_OUT);
        }
        return ConsentAction.OPT_OUT_ALL.name().equals(name) ? Optional.of(ConsentAction.OPT_OUT_ALL)
                : Optional.empty();
    }

    private static Optional<ConsentSource> source(String name) {
        for (ConsentSource source : ConsentSource.values()) {
            if (source.name().equals(name)) {
                return Optional.of(source);
            }
        }
        return Optional.empty();
    }
}
