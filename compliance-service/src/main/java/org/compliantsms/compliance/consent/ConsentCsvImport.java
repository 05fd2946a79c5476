package org.compliantsms.compliance.consent;

import java.io.InputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.compliance.lists.CsvRows;
import org.compliantsms.compliance.lists.InvalidListRequest;
import org.compliantsms.compliance.lists.ListsConfig;
import org.compliantsms.events.ConsentChanged;
import org.compliantsms.events.ConsentSource;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;

/**
 * Consent grants and revocations as a CSV import, read row by row ({@link CsvRows}) and applied in batches of
 * {@link ListsConfig#importBatchSize()} rows: each batch published to sms.consent-changed.v1 and acknowledged,
 * then recorded in the ledger and the index, before the next is read. Each row is validated and built as one
 * request of the JSON API ({@link ConsentApi#grantChange}, {@link ConsentApi#revocationChange}); a bad row is
 * reported by line number and changes nothing. A row with an {@code id} is recorded once however often it is
 * imported (an export imports as it is).
 */
@ApplicationScoped
public class ConsentCsvImport {
    private static final Logger LOG = Logger.getLogger(ConsentCsvImport.class);
    static final List<String> REQUIRED = List.of("number", "program_id", "action");
    static final List<String> COLUMNS = List.of("id", "number", "program_id", "action", "shown_text", "given_at",
            "source", "channel", "ip_address", "evidence");

    private final ConsentApi api;
    private final ListsConfig config;

    public ConsentCsvImport(ConsentApi api, ListsConfig config) {
        this.api = api;
        this.config = config;
    }

    /**
     * @param rows data rows read
     * @param applied rows published and recorded (a re-imported id among them, recorded once)
     * @param rejected bad rows
     * @param badRows the first {@link ListsConfig#importReportedErrors()} of them
     */
    @Schema(name = "ConsentImportReport")
    public record Report(long rows, long applied, long rejected, List<CsvRows.BadRow> badRows) {
    }

    public Report read(InputStream body, String actor) {
        Receipts receipts = new Receipts();
        long[] applied = new long[1];
        List<ConsentChanged> batch = new ArrayList<>(config.importBatchSize());
        CsvRows.Tally tally = CsvRows.read(body, REQUIRED, COLUMNS, config.importReportedErrors(), row -> {
            batch.add(change(row, actor, receipts.next()));
            if (batch.size() >= config.importBatchSize()) {
                applied[0] += flush(batch);
            }
        });
        applied[0] += flush(batch);
        LOG.infof("consent import by %s: %d rows, %d applied, %d rejected", actor, tally.rows(), applied[0],
                tally.rejected());
        return new Report(tally.rows(), applied[0], tally.rejected(), tally.badRows());
    }

    private int flush(List<ConsentChanged> batch) {
        if (batch.isEmpty()) {
            return 0;
        }
        int size = batch.size();
        api.recordAll(List.copyOf(batch));
        batch.clear();
        return size;
    }

    private ConsentChanged change(CsvRows.Row row, String actor, Instant receivedAt) {
        String action = row.cell("action");
        if (action == null) {
            throw new InvalidListRequest("missing column action (GRANT or REVOKE)");
        }
        ConsentSource source = source(row.cell("source"));
        try {
            switch (action.toUpperCase(Locale.ROOT)) {
                case "GRANT":
                    return api.grantChange(new ConsentRequests.Grant(row.cell("id"), row.cell("number"),
                            row.cell("program_id"), source, row.cell("shown_text"), row.instant("given_at"),
                            row.cell("ip_address"), row.cell("channel"), row.cell("evidence"), null), actor,
                            receivedAt);
                case "REVOKE":
                    return api.revocationChange(new ConsentRequests.Revocation(row.cell("id"), row.cell("number"),
                            row.cell("program_id"), source, row.instant("given_at"), row.cell("ip_address"),
                            row.cell("channel"), row.cell("evidence")), actor, receivedAt);
                default:
                    throw new InvalidListRequest("action must be GRANT or REVOKE");
            }
        } catch (ConsentApi.Invalid e) {
            throw new InvalidListRequest(e.getMessage());
        }
    }

    /**
     * Receipt times one millisecond apart at least: the ledger and the index order a number's changes by them, so a
     * later row of the file wins over an earlier one of the same number (a GRANT then a REVOKE revokes).
     */
    private static final class Receipts {
        private Instant last = Instant.EPOCH;

        Instant next() {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            last = now.isAfter(last) ? now : last.plusMillis(1);
            return last;
        }
    }

    private static ConsentSource source(String given) {
        if (given == null) {
            return ConsentSource.IMPORT;
        }
        try {
            return ConsentSource.valueOf(given.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidListRequest("source: not one of WEB_FORM, PAPER, IMPORT, KEYWORD, API, ADMIN");
        }
    }
}
