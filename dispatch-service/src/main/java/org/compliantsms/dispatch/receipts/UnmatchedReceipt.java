package org.compliantsms.dispatch.receipts;

import java.time.Instant;

/**
 * A receipt that belongs to no message dispatch knows (an id it never sent, one whose index entry expired, another
 * system's on the same account) or that cannot be read, kept for a person to look at.
 *
 * @param key what identifies it: the same receipt sent again is kept once
 * @param carrierMessageId the id as the receipt wrote it; null when none could be read
 * @param state the receipt's state; null when none could be read
 * @param handset the handset's number, masked
 * @param reason why it was not applied
 */
public record UnmatchedReceipt(String key, String carrier, String carrierMessageId, String state, String error,
        String text, String handset, Instant receivedAt, String reason) {
}
