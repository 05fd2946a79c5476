package org.compliantsms.campaign.audiences;

import java.time.Instant;
import java.util.UUID;

/**
 * An audience upload and how far it went.
 *
 * @param state RUNNING, DONE or FAILED
 * @param rowsRead data rows read so far (the header not counted)
 * @param accepted rows stored as recipients
 * @param rejected rows not stored, each listed by line at {@code GET /campaigns/{id}/audience/rejections}
 * @param error why a FAILED upload stopped (rows stored before it stay)
 */
public record ImportView(UUID id, UUID campaignId, String state, int rowsRead, int accepted, int rejected,
        Instant startedAt, Instant finishedAt, String error) {
}
