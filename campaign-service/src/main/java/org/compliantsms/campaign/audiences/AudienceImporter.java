package org.compliantsms.campaign.audiences;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.compliantsms.campaign.audiences.AudienceStore.Candidate;
import org.compliantsms.campaign.emission.MessageIds;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Imports an audience file as it arrives: one record at a time from the request stream, stored in batches of
 * {@link #BATCH} rows, each batch in one transaction with the upload's progress. Memory holds one batch, never the
 * file. Rows that cannot be imported are recorded with their line number and reason.
 */
@ApplicationScoped
public class AudienceImporter {
    private static final Logger LOG = Logger.getLogger(AudienceImporter.class);
    static final int BATCH = 1000;
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).setTrim(false)
            .get();

    private final AudienceStore store;
    private final ObjectMapper json;

    public AudienceImporter(AudienceStore store, ObjectMapper json) {
        this.store = store;
        this.json = json;
    }

    /** @throws IllegalArgumentException when the file has no header with a phone column (nothing is stored) */
    public ImportView importCsv(UUID campaignId, AudienceStore.Started started, InputStream body,
            String defaultRegion, AudienceRules rules) {
        UUID importId = started.importId();
        long began = System.nanoTime();
        try (Reader reader = new InputStreamReader(body, StandardCharsets.UTF_8);
                CSVParser parser = CSVParser.builder().setReader(reader).setFormat(FORMAT).get()) {
            Iterator<CSVRecord> records = parser.iterator();
            if (!records.hasNext()) {
                throw new IllegalArgumentException("the file is empty: a header with a phone column is required");
            }
            AudienceCsv columns = AudienceCsv.fromHeader(records.next(), defaultRegion);
            int position = started.nextPosition();
            List<Candidate> candidates = new ArrayList<>(BATCH);
            List<Rejection> rejections = new ArrayList<>();
            Set<String> inBatch = new HashSet<>();
            int rowsInBatch = 0;
            while (true) {
                long line = parser.getCurrentLineNumber() + 1;
                if (!records.hasNext()) {
                    break;
                }
                AudienceCsv.Read read = columns.read(records.next(), line);
                rowsInBatch++;
                Optional<Rejection> refused = read.rejection() != null ? Optional.of(read.rejection())
                        : rules.check(read.row());
                if (refused.isPresent()) {
                    rejections.add(refused.get());
                } else if (!inBatch.add(read.row().recipient())) {
                    rejections.add(new Rejection(line, Rejection.Reason.DUPLICATE,
                            "the number is already in the campaign's audience"));
                } else {
                    candidates.add(new Candidate(read.row(), MessageIds.of(campaignId, read.row().recipient()),
                            position++, fields(read.row())));
                }
                if (rowsInBatch == BATCH) {
                    store.storeBatch(campaignId, importId, candidates, rejections, rowsInBatch);
                    candidates.clear();
                    rejections.clear();
                    inBatch.clear();
                    rowsInBatch = 0;
                }
            }
            if (rowsInBatch > 0) {
                store.storeBatch(campaignId, importId, candidates, rejections, rowsInBatch);
            }
            store.finish(importId, "DONE", null);
        } catch (IllegalArgumentException e) {
            store.finish(importId, "FAILED", e.getMessage());
            throw e;
        } catch (IOException | RuntimeException e) {
            // Commons CSV reports a malformed file (an unclosed quote) as an unchecked IO failure.
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            store.finish(importId, "FAILED", why.length() > 512 ? why.substring(0, 512) : why);
            LOG.warnf("audience upload %s of campaign %s stopped: %s", importId, campaignId, why);
        }
        ImportView view = store.importView(importId).orElseThrow();
        double seconds = (System.nanoTime() - began) / 1e9;
        LOG.infof("audience upload %s of campaign %s: %d rows in %.1f s (%.0f rows/s), %d accepted, %d rejected",
                importId, campaignId, view.rowsRead(), seconds, view.rowsRead() / Math.max(seconds, 1e-3),
                view.accepted(), view.rejected());
        return view;
    }

    private String fields(AudienceRow row) {
        if (row.fields().isEmpty()) {
            return null;
        }
        try {
            return json.writeValueAsString(row.fields());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
