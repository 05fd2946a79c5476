package org.compliantsms.simulator.smpp;

import java.time.Instant;

/**
 * A submit_sm the simulator accepted.
 *
 * @param to the destination in E.164
 * @param dataCoding the SMPP data_coding byte (0 GSM 7-bit, 8 UCS-2)
 */
public record SubmittedMessage(String carrierMessageId, String systemId, String from, String to, String text,
        int dataCoding, boolean receiptRequested, Instant receivedAt) {
}
