package org.compliantsms.events;

import java.time.Instant;

/**
 * One message's outcome for analytics, on {@link Topics#MESSAGE_OUTCOMES}: no personal data. The number is
 * replaced by {@code recipientPseudonym}, a keyed hash (HMAC-SHA256) that is the same for every message to that
 * number while the key is the same, and is the record key. A message has one record per outcome it reaches
 * (SUBMITTED, then DELIVERED...): the latest is its outcome, and {@code settled} says nothing more will come.
 *
 * @param country ISO 3166 region of the number (libphonenumber), ZZ when it has none
 * @param encoding known once compliance approved the message, like {@code segments}
 * @param carrier known once it was submitted
 * @param rejectionReason set when the outcome is REJECTED
 * @param requestedAt when the request was made (unknown for rejections by compliance: their event does not carry it)
 * @param decidedAt when compliance approved or rejected it
 * @param submittedAt when the carrier accepted it (or the submit went unanswered: UNCONFIRMED)
 * @param finalAt when the final outcome happened (the receipt, the failure, the rejection)
 */
public record MessageOutcome(
        String messageId,
        String recipientPseudonym,
        String programId,
        String campaignId,
        Category category,
        String country,
        Encoding encoding,
        Integer segments,
        String carrier,
        Outcome outcome,
        boolean settled,
        RejectionReason rejectionReason,
        Instant requestedAt,
        Instant decidedAt,
        Instant submittedAt,
        Instant finalAt) implements SmsEvent {

    @Override
    public String partitionKey() {
        return recipientPseudonym;
    }

    /** One id per message and outcome: a record emitted again (redelivery, a later join) carries the same id. */
    @Override
    public String eventId() {
        return "outcome:" + messageId + ":" + outcome;
    }

    @Override
    public Instant eventTime() {
        if (finalAt != null) {
            return finalAt;
        }
        if (submittedAt != null) {
            return submittedAt;
        }
        return decidedAt != null ? decidedAt : requestedAt;
    }
}
