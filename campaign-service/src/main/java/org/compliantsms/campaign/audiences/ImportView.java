package org.compliantsms.campaign.audiences;

import java.time.Instant;
import java.util.UUID;

/**
 * An audience upload and how far it went.
 *
 * @param state RUNNING, DONE, FAILED, or INTERRUPTED (no batch stored for 5 minutes: its connection or process
 *        stopped; what was stored stays, a new upload may start)
 * @param rowsRead data rows read so far (the header not counted)
 * @param accepted rows stored as recipients
 * @param rejected rows not stored, each listed by line at {@code GET /campaigns/{id}/audience/rejections}
 * @param consents consent records published for compliance's ledger (rows with consent columns)
 * @param lastLine the last line of the last batch stored: an upload that stopped stored every line up to it
 * @param error why a FAILED upload stopped (rows stored before it stay)
 */
public record ImportView(UUID id, UUID campaignId, String state, int rowsRead, int accepted, int rejected,
        int consents, long lastLine, Instant startedAt, Instant finishedAt, String error) {
}
