package org.compliantsms.dispatch.receipts;

import java.time.Instant;

/**
 * A receipt as it came off an SMPP session, before it is resolved.
 *
 * @param receipt null when the deliver_sm could not be read as a receipt
 * @param problem why it could not be read; null when it could
 * @param handset the handset's number (deliver_sm source_addr), as sent
 * @param rechecked whether its id was already looked up once without a match
 */
public record IncomingReceipt(String carrier, Receipt receipt, String problem, String rawText, String handset,
        Instant receivedAt, boolean rechecked) {

    IncomingReceipt again() {
        return new IncomingReceipt(carrier, receipt, problem, rawText, handset, receivedAt, true);
    }
}
