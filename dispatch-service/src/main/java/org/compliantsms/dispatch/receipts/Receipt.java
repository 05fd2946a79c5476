package org.compliantsms.dispatch.receipts;

/**
 * A delivery receipt as the carrier sent it.
 *
 * @param carrierMessageId the id the carrier answered submit_sm with, as the receipt writes it (hex or decimal)
 * @param state the message's state
 * @param error the carrier's error code ({@code err:} or the network_error_code TLV); null when none or zero
 * @param text the receipt's text as received, for review
 */
public record Receipt(String carrierMessageId, ReceiptState state, String error, String text) {
}
