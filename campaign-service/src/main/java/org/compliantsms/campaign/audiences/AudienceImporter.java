package org.compliantsms.campaign.audiences;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.compliantsms.campaign.audiences.AudienceStore.Candidate;
import org.compliantsms.campaign.consents.ConsentIds;
import org.compliantsms.campaign.consents.ConsentPublisher;
import org.compliantsms.campaign.emission.MessageIds;
import org.compliantsms.events.ConsentAction;
import org.compliantsms.events.ConsentChanged;
import org.compliantsms.events.ConsentSource;
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
    private final ConsentPublisher consents;

    public AudienceImporter(AudienceStore store, ObjectMapper json, ConsentPublisher consents) {
        this.store = store;
        this.json = json;
        this.consents = consents;
    }

    /**
     * @param programId the campaign's program: the consent columns grant consent for it
     * @param actor the uploader (its token's subject): who recorded the consents
     * @throws IllegalArgumentException when the file has no header with a phone column (nothing is stored)
     */
    public ImportView importCsv(UUID campaignId, AudienceStore.Started started, InputStream body,
            String defaultRegion, AudienceRules rules, String programId, String actor) {
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
                    storeBatch(campaignId, importId, candidates, rejections, rowsInBatch, programId, actor);
                    candidates.clear();
                    rejections.clear();
                    inBatch.clear();
                    rowsInBatch = 0;
                }
            }
            if (rowsInBatch > 0) {
                storeBatch(campaignId, importId, candidates, rejections, rowsInBatch, programId, actor);
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

    /**
     * The batch's consent records first, acknowledged by Kafka, then its rows: a batch stored is a batch whose
     * consents are on their way to compliance's ledger. A crash in between, or a re-upload, publishes them again
     * with the same event ids (ConsentIds), which the ledger keeps once.
     */
    private void storeBatch(UUID campaignId, UUID importId, List<Candidate> candidates, List<Rejection> rejections,
            int rowsRead, String programId, String actor) {
        Instant received = Instant.now();
        List<ConsentChanged> changes = new ArrayList<>();
        for (Candidate candidate : candidates) {
            AudienceRow row = candidate.row();
            if (row.consentTime() != null) {
                changes.add(consent(campaignId, programId, actor, row, received));
            }
        }
        Map<Integer, Long> offsets = consents.publish(changes);
        store.storeBatch(campaignId, importId, candidates, rejections, rowsRead, changes.size(), offsets);
    }

    /**
     * A CONSENT_GRANTED for the campaign's program (not OPT_IN, which lifts an opt-out: a file must never lift a
     * STOP), source IMPORT; the file's consent_source is the channel it came by, consent_evidence the evidence,
     * consent_time when the person gave it (evidence, never the order: that is the platform's receipt time).
     */
    static ConsentChanged consent(UUID campaignId, String programId, String actor, AudienceRow row,
            Instant received) {
        return new ConsentChanged(ConsentIds.of(campaignId, row.recipient()), ConsentAction.CONSENT_GRANTED,
                row.recipient(), programId, ConsentSource.IMPORT, null, null,
                row.consentEvidence() != null ? row.consentEvidence()
                        : "audience upload of campaign " + campaignId + ", line " + row.line(),
                null, false, received, row.consentTime(), null, null, row.consentSource(), actor, null, null);
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
