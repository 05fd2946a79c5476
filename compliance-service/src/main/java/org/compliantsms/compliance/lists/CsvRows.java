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

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

/**
 * The reading the CSV imports share: Jackson's streaming CSV parser (one row in memory at a time), columns by the
 * header's names (any order, any case, with or without '_'; others ignored, so an export imports as it is), each
 * row's line number, and the report of bad rows. What a row means, and the batches, are the import's.
 */
public final class CsvRows {
    private static final CsvMapper CSV = new CsvMapper()
            .enable(CsvParser.Feature.TRIM_SPACES).enable(CsvParser.Feature.SKIP_EMPTY_LINES);

    /** A bad row: its line number in the file (the header is line 1) and why. */
    public record BadRow(long line, String reason) {
    }

    /**
     * @param rows data rows read
     * @param rejected bad rows
     * @param badRows the first of them, as many as asked for
     */
    public record Tally(long rows, long rejected, List<BadRow> badRows) {
    }

    /** One data row. */
    public static final class Row {
        private final long line;
        private final List<String> cells;
        private final Map<String, Integer> columns;

        Row(long line, List<String> cells, Map<String, Integer> columns) {
            this.line = line;
            this.cells = cells;
            this.columns = columns;
        }

        public long line() {
            return line;
        }

        /** The cell of that column, null when absent or blank. */
        public String cell(String column) {
            Integer index = columns.get(key(column));
            if (index == null || index >= cells.size()) {
                return null;
            }
            String value = cells.get(index);
            return value == null || value.isBlank() ? null : value;
        }

        /** @throws InvalidListRequest when the cell is there but not an ISO instant */
        public Instant instant(String column) {
            String value = cell(column);
            try {
                return value == null ? null : Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw new InvalidListRequest(column + " is not an ISO instant");
            }
        }
    }

    /** What an import does with each good row; it throws {@link InvalidListRequest} to reject the row. */
    @FunctionalInterface
    public interface RowHandler {
        void accept(Row row);
    }

    private CsvRows() {
    }

    /**
     * Reads the header, then hands every data row to {@code handler}, counting the rows it rejects. An unreadable
     * CSV (an unclosed quote, say) stops the reading there: nothing after it can be trusted; what came before stays.
     *
     * @param required the header's required columns
     * @param known every column, named in the error of a header that lacks a required one
     * @throws InvalidListRequest for an empty CSV, a header without a required column, an unreadable body
     */
    public static Tally read(InputStream body, List<String> required, List<String> known, int reportedErrors,
            RowHandler handler) {
        if (body == null) {
            throw new InvalidListRequest("empty CSV: expected a header line with at least " + required);
        }
        long rows = 0;
        long rejected = 0;
        List<BadRow> bad = new ArrayList<>();
        try (Reader reader = new InputStreamReader(body, StandardCharsets.UTF_8);
                CsvParser parser = (CsvParser) CSV.createParser(reader)) {
            Map<String, Integer> columns = null;
            while (true) {
                List<String> cells = new ArrayList<>();
                long line;
                try {
                    if (parser.nextToken() == null) {
                        break;
                    }
                    line = cells(parser, cells);
                } catch (JsonProcessingException e) {
                    rejected++;
                    add(bad, reportedErrors, new BadRow(e.getLocation() == null ? -1 : e.getLocation().getLineNr(),
                            "malformed CSV, import stopped here: " + e.getOriginalMessage()));
                    break;
                }
                if (columns == null) {
                    columns = header(cells, required, known);
                    continue;
                }
                rows++;
                try {
                    handler.accept(new Row(line, cells, columns));
                } catch (InvalidListRequest e) {
                    rejected++;
                    add(bad, reportedErrors, new BadRow(line, e.getMessage()));
                }
            }
            if (columns == null) {
                throw new InvalidListRequest("empty CSV: expected a header line with at least " + required);
            }
        } catch (IOException e) {
            throw new InvalidListRequest("cannot read the CSV: " + e.getMessage());
        }
        return new Tally(rows, rejected, bad);
    }

    private static void add(List<BadRow> bad, int reportedErrors, BadRow row) {
        if (bad.size() < reportedErrors) {
            bad.add(row);
        }
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

    private static Map<String, Integer> header(List<String> row, List<String> required, List<String> known) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < row.size(); i++) {
            String name = row.get(i) == null ? "" : row.get(i);
            columns.putIfAbsent(key(name.startsWith("\ufeff") ? name.substring(1) : name), i);
        }
        for (String column : required) {
            if (!columns.containsKey(key(column))) {
                throw new InvalidListRequest("missing column '" + column + "' in the header line (columns: "
                        + String.join(", ", known) + ")");
            }
        }
        return columns;
    }

    /** program_id, programId and PROGRAM_ID name the same column. */
    private static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT).replace("_", "");
    }
}
