package org.compliantsms.simulator.smpp;

import java.time.Instant;
import java.util.List;

/**
 * A message the simulator accepted: one submit_sm, or every part of a concatenated one put back together.
 *
 * @param carrierMessageId the id answered to the (first) part
 * @param to the destination in E.164
 * @param text the whole text, decoded
 * @param dataCoding the SMPP data_coding byte (0 GSM 7-bit, 8 UCS-2)
 * @param receivedAt when it was complete: its last part arrived
 * @param parts how many submit_sm it came in
 * @param partIds every part's message id, in part order
 * @param concatenation how the parts said they belong together: UDH8, UDH16 or SAR; null for one submit_sm
 */
public record SubmittedMessage(String carrierMessageId, String systemId, String from, String to, String text,
        int dataCoding, boolean receiptRequested, Instant receivedAt, int parts, List<String> partIds,
        String concatenation) {

    /** A message that came in one submit_sm. */
    public SubmittedMessage(String carrierMessageId, String systemId, String from, String to, String text,
            int dataCoding, boolean receiptRequested, Instant receivedAt) {
        this(carrierMessageId, systemId, from, to, text, dataCoding, receiptRequested, receivedAt, 1,
                List.of(carrierMessageId), null);
    }
}
