package org.compliantsms.compliance.honour;

import java.time.Instant;

/**
 * One opt-out's way to effect.
 *
 * @param programId null for a global opt-out that names no program
 * @param channel how the person asked: KEYWORD, WEB_FORM, EMAIL, PHONE, PAPER, API, IMPORT...
 * @param requestedAt when the person asked, as the caller states it (evidence); null when it is the receipt
 * @param receivedAt the platform's receipt (server time)
 * @param effectiveAt the suppression index written; null while not yet
 */
public record OptOutRecord(String eventId, String recipient, String country, String programId, String scope,
        String source, String channel, String actor, Instant requestedAt, Instant receivedAt, Instant effectiveAt) {

    /** The legal clock starts at the person's request when it is known to be earlier than the receipt. */
    public Instant clockStart() {
        return requestedAt != null && requestedAt.isBefore(receivedAt) ? requestedAt : receivedAt;
    }

    public OptOutRecord effective(Instant at) {
        return new OptOutRecord(eventId, recipient, country, programId, scope, source, channel, actor, requestedAt,
                receivedAt, at);
    }
}
