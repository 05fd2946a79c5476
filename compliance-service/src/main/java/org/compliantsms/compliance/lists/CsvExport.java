package org.compliantsms.compliance.lists;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.suppression.RedisBatch;
import org.compliantsms.suppression.SuppressionIndex;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import io.vertx.mutiny.redis.client.Redis;

/**
 * Streams one scope's suppressed numbers from the index as CSV, page by page (Redis SCAN, then one pipelined
 * HGET per page): never the whole list in memory. The columns are the import's, so an export imports as it is; a
 * number may appear twice when Redis rehashes during the scan (importing it twice changes nothing).
 */
@ApplicationScoped
public class CsvExport {
    public static final String CSV = "text/csv";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final CsvMapper MAPPER = (CsvMapper) new CsvMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    static final CsvSchema SCHEMA = CsvSchema.builder().addColumn("number").addColumn("action").addColumn("scope")
            .addColumn("program_id").addColumn("since").addColumn("event_id").build().withHeader();

    private final SuppressionIndex index;
    private final Redis redis;
    private final ListsConfig config;

    public CsvExport(SuppressionIndex index, Redis redis, ListsConfig config) {
        this.index = index;
        this.redis = redis;
        this.config = config;
    }

    /**
     * @param scope the index scope ({@code program:<id>} or {@code global})
     * @param programId null for the global scope
     */
    public void write(String scope, String programId, boolean fullNumbers, OutputStream out) throws IOException {
        String scopeColumn = programId == null ? "ALL" : "PROGRAM";
        try (SequenceWriter rows = MAPPER.writer(SCHEMA).with(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
                .writeValues(out)) {
            String cursor = "0";
            do {
                SuppressionIndex.Page page = index.numbers(cursor, config.exportPageSize()).await().atMost(TIMEOUT);
                RedisBatch reads = new RedisBatch();
                List<RedisBatch.Reply<Optional<SuppressionIndex.Entry>>> entries = new ArrayList<>();
                for (String number : page.numbers()) {
                    entries.add(index.entry(reads, number, scope));
                }
                reads.execute(redis, TIMEOUT);
                for (int i = 0; i < page.numbers().size(); i++) {
                    Optional<SuppressionIndex.Entry> entry = entries.get(i).get();
                    if (entry.isPresent() && entry.get().suppressed()) {
                        rows.write(List.of(ListRoles.shown(page.numbers().get(i), fullNumbers), "OPT_OUT", scopeColumn,
                                programId == null ? "" : programId, entry.get().since().toString(),
                                entry.get().eventId()));
                    }
                }
                cursor = page.next();
            } while (!"0".equals(cursor));
        }
    }
}
