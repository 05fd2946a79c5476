package org.compliantsms.simulator.receipts;

import java.time.Instant;

/**
 * A receipt to send.
 *
 * @param sessionId the session its submit came on (sent there while it is bound, on another one otherwise)
 * @param handset the destination of the submit (E.164), the receipt's source
 * @param sender the submit's source address, the receipt's destination
 * @param id the carrier message id as the receipt writes it
 * @param text the submit's text (its first 20 characters go in the receipt)
 * @param form text, TLVs or both
 */
public record PlannedReceipt(String sessionId, String handset, String sender, String id, Outcome outcome,
        String text, Instant submittedAt, ReceiptForm form) {
}
