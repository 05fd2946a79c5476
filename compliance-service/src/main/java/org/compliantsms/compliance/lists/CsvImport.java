package org.compliantsms.compliance.lists;

import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.events.ConsentSource;
import org.jboss.logging.Logger;

/**
 * A CSV import read row by row ({@link CsvRows}: one row in memory at a time) and applied in batches
 * of {@link ListsConfig#importBatchSize()} rows, each durable and effective before the next is read. Columns, by
 * the header's names (any order; others ignored, so an export imports as it is): {@code number}, {@code action}
 * (OPT_OUT or LIFT), {@code scope} (PROGRAM or ALL; PROGRAM when absent), {@code program_id}, and optionally
 * {@code reason}, {@code channel}, {@code requested_at}. Bad rows are reported by line number and reason and
 * change nothing; the others are applied.
 */
@ApplicationScoped
public class CsvImport {
    private static final Logger LOG = Logger.getLogger(CsvImport.class);
    static final List<String> REQUIRED = List.of("number", "action");
    static final List<String> COLUMNS = List.of("number", "action", "scope", "program_id", "reason", "channel",
            "requested_at");

    private final SuppressionChanges changes;
    private final ListsConfig config;

    public CsvImport(SuppressionChanges changes, ListsConfig config) {
        this.changes = changes;
        this.config = config;
    }

    /**
     * @param rows data rows read
     * @param applied rows made durable and effective
     * @param alreadyInEffect of those, the ones that changed nothing (the number was already in that state)
     * @param rejected bad rows
     * @param badRows the first {@link ListsConfig#importReportedErrors()} of them
     */
    public record Report(long rows, long applied, long alreadyInEffect, long rejected, List<CsvRows.BadRow> badRows) {
    }

    public Report read(InputStream body, String actor) {
        long[] done = new long[2];
        List<ListChange> batch = new ArrayList<>(config.importBatchSize());
        Instant now = Instant.now();
        CsvRows.Tally tally = CsvRows.read(body, REQUIRED, COLUMNS, config.importReportedErrors(), row -> {
            batch.add(change(row, now));
            if (batch.size() >= config.importBatchSize()) {
                flush(batch, actor, done);
            }
        });
        flush(batch, actor, done);
        LOG.infof("suppression import by %s: %d rows, %d applied (%d already in effect), %d rejected", actor,
                tally.rows(), done[0], done[1], tally.rejected());
        return new Report(tally.rows(), done[0], done[1], tally.rejected(), tally.badRows());
    }

    private void flush(List<ListChange> batch, String actor, long[] done) {
        if (batch.isEmpty()) {
            return;
        }
        List<SuppressionChanges.Applied> applied = changes.apply(List.copyOf(batch), ConsentSource.IMPORT, actor);
        batch.clear();
        done[0] += applied.size();
        done[1] += applied.stream().filter(SuppressionChanges.Applied::alreadyInEffect).count();
    }

    private static ListChange change(CsvRows.Row row, Instant now) {
        for (String required : REQUIRED) {
            if (row.cell(required) == null) {
                throw new InvalidListRequest("missing column " + required);
            }
        }
        return ListChange.of(row.cell("number"), row.cell("action"), row.cell("scope"), row.cell("program_id"),
                row.cell("reason"), row.cell("channel"), row.instant("requested_at"), now);
    }
}
