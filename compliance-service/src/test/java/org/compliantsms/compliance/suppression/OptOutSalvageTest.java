package org.compliantsms.compliance.suppression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.compliantsms.events.ConsentAction;
import org.compliantsms.events.ConsentChanged;
import org.compliantsms.events.ConsentSource;
import org.junit.jupiter.api.Test;

class OptOutSalvageTest {
    static final String NUMBER = "+33612345678";
    static final long RECORD_TIME = Instant.parse("2026-12-03T10:00:00Z").toEpochMilli();

    @Test
    void anOptOutWithAnUnknownSourceStillStopsItsProgram() {
        ConsentChanged change = salvage("{\"eventId\":\"e-1\",\"action\":\"OPT_OUT\",\"recipient\":\"" + NUMBER
                + "\",\"programId\":\"acme-promo\",\"source\":\"SMS\",\"occurredAt\":\"2026-12-03T09:00:00Z\"}")
                .orElseThrow();
        assertEquals(ConsentAction.OPT_OUT, change.action());
        assertEquals(NUMBER, change.recipient());
        assertEquals("acme-promo", change.programId());
        assertEquals(ConsentSource.ADMIN, change.source());
        assertEquals(Instant.parse("2026-12-03T09:00:00Z"), change.occurredAt());
        assertEquals("salvaged:sms.consent-changed.v1-3@42", change.eventId());
        assertTrue(change.evidence().contains("eventId e-1"), change.evidence());
    }

    @Test
    void anOptOutAllWithoutItsTimeOrWithBytesThatAreNotUtf8IsSalvagedAtTheRecordsTime() {
        ConsentChanged change = salvage("{\"action\":\"OPT_OUT_ALL\",\"recipient\":\"" + NUMBER
                + "\",\"source\":\"KEYWORD\",\"evidence\":\"\u00ff\"}", true).orElseThrow();
        assertEquals(ConsentAction.OPT_OUT_ALL, change.action());
        assertEquals(null, change.programId());
        assertEquals(ConsentSource.KEYWORD, change.source());
        assertEquals(Instant.ofEpochMilli(RECORD_TIME), change.occurredAt());
    }

    @Test
    void nothingLessCertainThanAnOptOutOfAKnownNumberAndProgramIsSalvaged() {
        assertTrue(salvage("{\"action\":\"OPT_IN\",\"recipient\":\"" + NUMBER + "\",\"programId\":\"p\"}").isEmpty());
        assertTrue(salvage("{\"action\":\"UNSUBSCRIBE\",\"recipient\":\"" + NUMBER + "\"}").isEmpty());
        assertTrue(salvage("{\"action\":\"OPT_OUT\",\"recipient\":\"" + NUMBER + "\"}").isEmpty(), "no program");
        assertTrue(salvage("{\"action\":\"OPT_OUT\",\"recipient\":\"" + NUMBER + "\",\"programId\":\"a b\"}")
                .isEmpty(), "not a program id");
        assertTrue(salvage("{\"action\":\"OPT_OUT_ALL\",\"recipient\":\"0612345678\"}").isEmpty(), "not E.164");
        assertTrue(salvage("{\"action\":\"OPT_OUT_ALL\",\"recipient\":33612345678}").isEmpty(), "not a string");
        assertTrue(salvage("{\"action\": oops").isEmpty());
        assertTrue(salvage("").isEmpty());
        assertTrue(OptOutSalvage.of(record(null)).isEmpty());
    }

    static Optional<ConsentChanged> salvage(String json) {
        return salvage(json, false);
    }

    /** @param latin1 the JSON as ISO-8859-1 bytes: a non-ASCII character is then not UTF-8 */
    static Optional<ConsentChanged> salvage(String json, boolean latin1) {
        return OptOutSalvage.of(record(json.getBytes(latin1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8)));
    }

    static ConsumerRecord<String, byte[]> record(byte[] value) {
        return new ConsumerRecord<>("sms.consent-changed.v1", 3, 42, RECORD_TIME,
                org.apache.kafka.common.record.TimestampType.CREATE_TIME, 0, 0, NUMBER, value,
                new org.apache.kafka.common.header.internals.RecordHeaders(), Optional.empty());
    }
}
