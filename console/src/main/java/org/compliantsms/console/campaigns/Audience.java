package org.compliantsms.console.campaigns;

import java.time.Instant;
import java.util.List;

/** What campaign-service says of a DRAFT's audience upload. */
public final class Audience {
    private Audience() {
    }

    /** GET /campaigns/{id}/audience: state RUNNING, DONE or FAILED. */
    public record Upload(String id, String campaignId, String state, int rowsRead, int accepted, int rejected,
            Instant startedAt, Instant finishedAt, String error) {
    }

    /** A row not imported, by its line (the header is line 1). */
    public record Rejection(long line, String reason, String detail) {
    }

    public record RejectionPage(List<Rejection> items, Long next) {
    }
}
