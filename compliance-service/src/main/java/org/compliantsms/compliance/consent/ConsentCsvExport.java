package org.compliantsms.compliance.consent;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.compliance.lists.ListRoles;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

/**
 * One program's current consent per number as CSV, streamed from the ledger ({@link ConsentLedger#forEachOfProgram}:
 * a cursor, one number's rows in memory at a time), decided by the ledger's own rules ({@link ConsentStates}). Each
 * number's row is the record that sets its state (the grant in effect, or the revocation or opt-out), in the
 * import's columns and under its id: an export imports as it is and changes nothing. A grant still waiting for its
 * confirmation is not in effect and not exported.
 */
@ApplicationScoped
public class ConsentCsvExport {
    private static final CsvMapper MAPPER = (CsvMapper) new CsvMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    private static final CsvSchema SCHEMA = schema();

    private final ConsentLedger ledger;

    public ConsentCsvExport(ConsentLedger ledger) {
        this.ledger = ledger;
    }

    public void write(String programId, boolean fullNumbers, OutputStream out) throws IOException {
        try (SequenceWriter rows = MAPPER.writer(SCHEMA).with(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
                .writeValues(out)) {
            List<ConsentRecord> history = new ArrayList<>();
            try {
                ledger.forEachOfProgram(programId, record -> {
                    if (!history.isEmpty() && !history.get(0).recipient().equals(record.recipient())) {
                        write(rows, programId, history, fullNumbers);
                        history.clear();
                    }
                    history.add(record);
                });
            } catch (SQLException e) {
                throw new IOException("PostgreSQL cannot read the consent ledger: " + e.getMessage(), e);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            write(rows, programId, history, fullNumbers);
        }
    }

    private static void write(SequenceWriter rows, String programId, List<ConsentRecord> history,
            boolean fullNumbers) {
        if (history.isEmpty()) {
            return;
        }
        for (ConsentStates.ProgramState state : ConsentStates.of(history)) {
            if (!state.programId().equals(programId) || "PENDING".equals(state.state())) {
                continue;
            }
            ConsentRecord record = history.stream().filter(r -> r.id().equals(state.recordId())).findFirst()
                    .orElseThrow();
            boolean granted = "GRANTED".equals(state.state());
            try {
                rows.write(Arrays.asList(record.id(), ListRoles.shown(record.recipient(), fullNumbers), programId,
                        granted ? "GRANT" : "REVOKE", granted ? text(record.shownText()) : "",
                        text(record.givenAt()), record.source().name(), text(record.channel()),
                        text(record.ipAddress()), text(record.evidence())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static CsvSchema schema() {
        CsvSchema.Builder builder = CsvSchema.builder();
        ConsentCsvImport.COLUMNS.forEach(builder::addColumn);
        return builder.build().withHeader();
    }
}
