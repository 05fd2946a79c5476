package org.compliantsms.compliance.lists;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.events.ConsentSource;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

/**
 * A CSV import read row by row (Jackson's streaming CSV parser: one row in memory at a time) and applied in batches
 * of {@link ListsConfig#importBatchSize()} rows, each durable and effective before the next is read. Columns, by
 * the header's names (any order; others ignored, so an export imports as it is): {@code number}, {@code action}
 * (OPT_OUT or LIFT), {@code scope} (PROGRAM or ALL; PROGRAM when absent), {@code program_id}, and optionally
 * {@code reason}, {@code channel}, {@code requested_at}. Bad rows are reported by line number and reason and
 * change nothing; the others are applied.
 */
@ApplicationScoped
public class CsvImport {
    private static final Logger LOG = Logger.getLogger(CsvImport.class);
    private static final CsvMapper CSV = new CsvMapper()
            .enable(CsvParser.Feature.TRIM_SPACES).enable(CsvParser.Feature.SKIP_EMPTY_LINES);
    static final List<String> REQUIRED = List.of("number", "action");

    private final SuppressionChanges changes;
    private final ListsConfig config;

    public CsvImport(SuppressionChanges changes, ListsConfig config) {
        this.changes = changes;
        this.config = config;
    }

    /** A bad row: its line number in the file (the header is line 1) and why. */
    public record BadRow(long line, String reason) {
    }

    /**
     * @param rows data rows read
     * @param applied rows made durable and effective
     * @param alreadyInEffect of those, the ones that changed nothing (the number was already in that state)
     * @param rejected bad rows
     * @param badRows the first {@link ListsConfig#importReportedErrors()} of them
     */
    public record Report(long rows, long applied, long alreadyInEffect, long rejected, List<BadRow> badRows) {
    }

    public Report read(InputStream body, String actor) {
        long rows = 0;
        long applied = 0;
        long already = 0;
        long rejected = 0;
        List<BadRow> bad = new ArrayList<>();
        List<ListChange> batch = new ArrayList<>(config.importBatchSize());
        Instant now = Instant.now();
        try (Reader reader = new InputStreamReader(body, StandardCharsets.UTF_8);
                CsvParser parser = (CsvParser) CSV.createParser(reader)) {
            Map<String, Integer> columns = null;
            List<String> row;
            while (true) {
                long line;
                try {
                    if (parser.nextToken() == null) {
                        break;
                    }
                    row = new ArrayList<>();
                    line = cells(parser, row);
                } catch (JsonProcessingException e) {
                    // Unreadable CSV (an unclosed quote, say): nothing after it can be trusted; what came before stays.
                    rejected++;
                    addBad(bad, new BadRow(e.getLocation() == null ? -1 : e.getLocation().getLineNr(),
                            "malformed CSV, import stopped here: " + e.getOriginalMessage()));
                    break;
                }
                if (columns == null) {
                    columns = header(row);
                    continue;
                }
                rows++;
                try {
                    batch.add(change(row, columns, now));
                } catch (InvalidListRequest e) {
                    rejected++;
                    addBad(bad, new BadRow(line, e.getMessage()));
                }
                if (batch.size() >= config.importBatchSize()) {
                    long[] done = flush(batch, actor);
                    applied += done[0];
                    already += done[1];
                }
            }
            if (columns == null) {
                throw new InvalidListRequest("empty CSV: expected a header line with at least " + REQUIRED);
            }
            long[] done = flush(batch, actor);
            applied += done[0];
            already += done[1];
        } catch (IOException e) {
            throw new InvalidListRequest("cannot read the CSV: " + e.getMessage());
        }
        LOG.infof("suppression import by %s: %d rows, %d applied (%d already in effect), %d rejected", actor, rows,
                applied, already, rejected);
        return new Report(rows, applied, already, rejected, bad);
    }

    private void addBad(List<BadRow> bad, BadRow row) {
        if (bad.size() < config.importReportedErrors()) {
            bad.add(row);
        }
    }

    private long[] flush(List<ListChange> batch, String actor) {
        if (batch.isEmpty()) {
            return new long[2];
        }
        List<SuppressionChanges.Applied> done = changes.apply(List.copyOf(batch), ConsentSource.IMPORT, actor);
        batch.clear();
        return new long[] { done.size(), done.stream().filter(SuppressionChanges.Applied::alreadyInEffect).count() };
    }

    /**
     * Reads one row's cells; returns the row's line number: the line its first cell starts on (a quoted cell may
     * span lines).
     */
    private static long cells(CsvParser parser, List<String> cells) throws IOException {
        long line = -1;
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
            if (line < 0) {
                line = parser.currentTokenLocation().getLineNr();
            }
            cells.add(parser.getValueAsString());
        }
        return line < 0 ? parser.currentLocation().getLineNr() : line;
    }

    private static Map<String, Integer> header(List<String> row) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < row.size(); i++) {
            String name = row.get(i) == null ? "" : row.get(i).strip().toLowerCase(Locale.ROOT).replace("programid",
                    "program_id").replace("requestedat", "requested_at");
            columns.putIfAbsent(name.startsWith("\ufeff") ? name.substring(1) : name, i);
        }
        for (String required : REQUIRED) {
            if (!columns.containsKey(required)) {
                throw new InvalidListRequest("missing column '" + required + "' in the header line (columns: number, "
                        + "action, scope, program_id, reason, channel, requested_at)");
            }
        }
        return columns;
    }

    private static ListChange change(List<String> row, Map<String, Integer> columns, Instant now) {
        for (String required : REQUIRED) {
            if (cell(row, columns, required) == null) {
                throw new InvalidListRequest("missing column " + required);
            }
        }
        String requested = cell(row, columns, "requested_at");
        Instant requestedAt;
        try {
            requestedAt = requested == null ? null : Instant.parse(requested);
        } catch (DateTimeParseException e) {
            throw new InvalidListRequest("requested_at is not an ISO instant");
        }
        return ListChange.of(cell(row, columns, "number"), cell(row, columns, "action"), cell(row, columns, "scope"),
                cell(row, columns, "program_id"), cell(row, columns, "reason"), cell(row, columns, "channel"),
                requestedAt, now);
    }

    private static String cell(List<String> row, Map<String, Integer> columns, String name) {
        Integer index = columns.get(name);
        if (index == null || index >= row.size()) {
            return null;
        }
        String value = row.get(index);
        return value == null || value.isBlank() ? null : value;
    }
}
