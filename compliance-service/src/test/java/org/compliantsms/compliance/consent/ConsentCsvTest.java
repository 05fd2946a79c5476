package org.compliantsms.compliance.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.compliantsms.compliance.lists.CsvRows;
import org.compliantsms.compliance.lists.InvalidListRequest;
import org.compliantsms.compliance.lists.ListsConfig;
import org.compliantsms.events.ConsentAction;
import org.compliantsms.events.ConsentChanged;
import org.compliantsms.events.ConsentSource;
import org.compliantsms.events.PhoneNumbers;
import org.junit.jupiter.api.Test;

/**
 * The consent CSV import and export without the platform: rows read, validated by the API's own path, batched, bad
 * ones reported by line; an export's rows import as the records they came from. {@code ConsentCsvIT} runs the same
 * against Kafka, PostgreSQL and Redis.
 */
class ConsentCsvTest {
    static final String HEADER = "number,program_id,action,shown_text,given_at,source,channel,ip_address,evidence,id\n";

    /** The API's validation and building, its recording kept: each batch as it would be published. */
    static class Batches extends ConsentApi {
        final List<List<ConsentChanged>> batches = new ArrayList<>();

        Batches() {
            super(null, null, null);
        }

        @Override
        public void recordAll(List<ConsentChanged> changes) {
            batches.add(changes);
        }
    }

    static ListsConfig config(int batchSize, int reported) {
        return new ListsConfig() {
            @Override
            public int importBatchSize() {
                return batchSize;
            }

            @Override
            public int importReportedErrors() {
                return reported;
            }

            @Override
            public int exportPageSize() {
                return 1000;
            }
        };
    }

    static ConsentCsvImport.Report read(Batches api, int batchSize, int reported, String csv) {
        return new ConsentCsvImport(api, config(batchSize, reported))
                .read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "officer-1");
    }

    @Test
    void goodRowsAreBuiltAsTheApiBuildsThemInBatchesAndBadRowsAreReportedByLine() {
        Batches api = new Batches();
        String csv = HEADER
                + "+33730000001,p1,GRANT,\"Yes, send me offers\",2026-11-30T10:00:00Z,WEB_FORM,web,203.0.113.9,f12,"
                + "imp-1\n" // 2
                + "+33730000002,p1,GRANT,,,,,,,\n" // 3: no shown_text
                + "+33730000003,p1,REVOKE,,,PAPER,paper,,letter,\n" // 4
                + "not-a-number,p1,GRANT,Yes,,,,,,\n" // 5
                + "+33730000004,p1,grant,\"Yes,\nsend me offers\",,,,,,\n" // 6-7
                + "+33730000005,p1,MAYBE,Yes,,,,,,\n" // 8
                + "+33730000006,p1,GRANT,Yes,yesterday,,,,,\n" // 9
                + "+33730000007,p1,GRANT,Yes,,CARRIER_PIGEON,,,,\n" // 10
                + "\n" // 11
                + "+33730000008,p1,GRANT,Yes,,,,,,\n" // 12
                + "+33730000008,p1,REVOKE,,,,,,,\n" // 13
                + "+33730000009,p1,GRANT,Yes,2099-01-01T00:00:00Z,,,,,\n"; // 14
        ConsentCsvImport.Report report = read(api, 2, 1000, csv);
        assertEquals(11, report.rows());
        assertEquals(5, report.applied());
        assertEquals(6, report.rejected());
        assertEquals(List.of(3L, 5L, 8L, 9L, 10L, 14L), report.badRows().stream().map(CsvRows.BadRow::line).toList());
        assertTrue(report.badRows().get(0).reason().contains("shownText is required"), report.toString());
        assertTrue(report.badRows().get(3).reason().contains("given_at is not an ISO instant"), report.toString());
        assertTrue(report.badRows().get(5).reason().contains("givenAt is in the future"), report.toString());

        assertEquals(List.of(2, 2, 1), api.batches.stream().map(List::size).toList(), "batches of 2, then the rest");
        List<ConsentChanged> changes = api.batches.stream().flatMap(List::stream).toList();
        ConsentChanged first = changes.get(0);
        assertEquals("imp-1", first.eventId());
        assertEquals(ConsentAction.CONSENT_GRANTED, first.action());
        assertEquals(ConsentSource.WEB_FORM, first.source());
        assertEquals(Instant.parse("2026-11-30T10:00:00Z"), first.givenAt());
        assertEquals("Yes, send me offers", first.shownText());
        assertEquals("203.0.113.9", first.ipAddress());
        assertEquals("officer-1", first.actor());
        assertEquals(ConsentAction.CONSENT_REVOKED, changes.get(1).action());
        assertEquals(ConsentSource.PAPER, changes.get(1).source());
        assertEquals(ConsentSource.IMPORT, changes.get(2).source(), "the default source");
        assertEquals("Yes,\nsend me offers", changes.get(2).shownText());
        assertFalse(changes.get(2).pending(), "an import grants at once");
        assertTrue(changes.get(2).eventId().startsWith("consent-"));
        for (int i = 1; i < changes.size(); i++) {
            assertTrue(changes.get(i).occurredAt().isAfter(changes.get(i - 1).occurredAt()),
                    "a later row is received later: " + changes);
        }
    }

    @Test
    void theReportListsTheFirstBadRowsAndTheHeaderMustNameTheRequiredColumns() {
        Batches api = new Batches();
        StringBuilder csv = new StringBuilder("Number,programId,ACTION\n");
        for (int i = 0; i < 5; i++) {
            csv.append("+3373000000").append(i).append(",p1,MAYBE\n");
        }
        ConsentCsvImport.Report report = read(api, 500, 2, csv.toString());
        assertEquals(5, report.rejected());
        assertEquals(List.of(2L, 3L), report.badRows().stream().map(CsvRows.BadRow::line).toList());
        assertEquals(List.of(), api.batches);
        assertThrows(InvalidListRequest.class, () -> read(api, 500, 10, ""));
        InvalidListRequest missing = assertThrows(InvalidListRequest.class,
                () -> read(api, 500, 10, "number,action\n+33730000001,GRANT\n"));
        assertTrue(missing.getMessage().contains("missing column 'program_id'"), missing.getMessage());
    }

    @Test
    void anExportHasTheRecordThatSetsEachNumbersStateAndImportsAsThoseRecords() throws IOException {
        Instant t = Instant.parse("2026-12-01T08:00:00Z");
        List<ConsentRecord> ledger = List.of(
                record("g1", "+33730000001", "p1", ConsentAction.CONSENT_GRANTED, "Yes, \"ACME\" offers", t),
                record("g2", "+33730000002", "p1", ConsentAction.CONSENT_GRANTED, "Yes", t),
                record("r2", "+33730000002", "p1", ConsentAction.CONSENT_REVOKED, null, t.plusSeconds(1)),
                record("g3", "+33730000003", "p1", ConsentAction.CONSENT_GRANTED, "Yes", t),
                record("all3", "+33730000003", null, ConsentAction.OPT_OUT_ALL, null, t.plusSeconds(2)),
                record("g4", "+33730000004", "p1", ConsentAction.CONSENT_GRANTED, "Yes", t.plusSeconds(3)));
        ConsentLedger stored = new ConsentLedger(null, null) {
            @Override
            public void forEachOfProgram(String programId, Consumer<ConsentRecord> each) {
                ledger.forEach(each);
            }
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ConsentCsvExport(stored).write("p1", true, out);
        String csv = out.toString(StandardCharsets.UTF_8);
        assertEquals(5, csv.lines().count(), csv);
        assertTrue(csv.startsWith("id,number,program_id,action,shown_text,given_at,source,channel,ip_address,"
                + "evidence\n"), csv);

        Batches api = new Batches();
        ConsentCsvImport.Report report = read(api, 500, 10, csv);
        assertEquals(0, report.rejected(), report.toString());
        List<ConsentChanged> changes = api.batches.get(0);
        assertEquals(List.of("g1", "r2", "all3", "g4"), changes.stream().map(ConsentChanged::eventId).toList());
        assertEquals(List.of(ConsentAction.CONSENT_GRANTED, ConsentAction.CONSENT_REVOKED,
                ConsentAction.CONSENT_REVOKED, ConsentAction.CONSENT_GRANTED),
                changes.stream().map(ConsentChanged::action).toList());
        assertEquals("Yes, \"ACME\" offers", changes.get(0).shownText());
        assertEquals(t.minusSeconds(60), changes.get(0).givenAt());
        assertEquals("203.0.113.7", changes.get(0).ipAddress());
        assertEquals(ConsentSource.WEB_FORM, changes.get(0).source());

        ByteArrayOutputStream masked = new ByteArrayOutputStream();
        new ConsentCsvExport(stored).write("p1", false, masked);
        String auditor = masked.toString(StandardCharsets.UTF_8);
        assertTrue(auditor.contains("," + PhoneNumbers.mask("+33730000001") + ","), auditor);
        assertFalse(auditor.contains("+33730000001"), auditor);
    }

    private static ConsentRecord record(String id, String number, String program, ConsentAction action,
            String shownText, Instant at) {
        return new ConsentRecord(id, number, program, action, ConsentSource.WEB_FORM, false, null, shownText,
                at.minusSeconds(60), at, "203.0.113.7", "web", "officer", null, null, "form", null, at);
    }
}
