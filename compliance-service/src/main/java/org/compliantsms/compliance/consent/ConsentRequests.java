package org.compliantsms.compliance.consent;

import java.time.Instant;

import org.compliantsms.events.ConsentSource;

/** What the consent API takes (docs/compliance.md#the-consent-api). */
public final class ConsentRequests {
    private ConsentRequests() {
    }

    /**
     * A consent the person gave.
     *
     * @param id optional: the caller's id of this record, so that a retry records it once
     * @param shownText the text the person was shown and agreed to (required)
     * @param givenAt when they gave it (evidence; default: when the platform received it)
     * @param doubleOptIn true: recorded PENDING, in effect once confirmed ({@code POST /consents/{id}/confirmation})
     */
    public record Grant(String id, String recipient, String programId, ConsentSource source, String shownText,
            Instant givenAt, String ipAddress, String channel, String evidence, Boolean doubleOptIn) {
    }

    /** A consent the person withdrew (it does not suppress TRANSACTIONAL: that is an opt-out). */
    public record Revocation(String id, String recipient, String programId, ConsentSource source, Instant givenAt,
            String ipAddress, String channel, String evidence) {
    }

    /** The person's confirmation of a pending grant (the link clicked, the YES replied). */
    public record Confirmation(String id, Instant givenAt, String ipAddress, String channel, String evidence) {
    }

    /**
     * @param id the consent record id (the ConsentChanged eventId) approvals name
     * @param state GRANTED, PENDING or REVOKED
     * @param confirms for a confirmation: the pending grant it confirms, now in effect under that grant's id
     */
    public record Recorded(String id, String recipient, String programId, String state, String confirms,
            Instant receivedAt) {
    }
}
