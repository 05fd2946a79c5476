package org.compliantsms.inbound.replies;

import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.compliantsms.batch.SalvageReader;
import org.compliantsms.events.InboundReceived;

/**
 * The reply a malformed record of sms.inbound-received.v1 still carries: its sender in E.164, the number it was sent
 * to and its text, whatever else is wrong (a field of the wrong type, an unknown intent, no time, bytes that are not
 * UTF-8). It comes back unclassified, to be classified as a reply from SMPP is, with an id from the record's place
 * and the record's receivedAt when readable (else its Kafka timestamp).
 */
final class SalvagedReply {
    private SalvagedReply() {
    }

    static Optional<InboundReceived> of(ConsumerRecord<String, byte[]> record) {
        return SalvageReader.of(record).flatMap(reader -> {
            Optional<String> from = reader.e164("from");
            Optional<String> to = reader.text("to").filter(t -> !t.isBlank());
            Optional<String> text = reader.text("text");
            if (from.isEmpty() || to.isEmpty() || text.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new InboundReceived(reader.salvagedId(), from.get(), to.get(), text.get(),
                    reader.text("carrier").orElse("unknown"), reader.instantOrRecordTime("receivedAt"), null));
        });
    }
}
