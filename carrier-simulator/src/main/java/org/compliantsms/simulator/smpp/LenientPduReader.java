package org.compliantsms.simulator.smpp;

import java.io.DataInputStream;
import java.io.IOException;
import java.util.Arrays;

import org.jsmpp.DefaultPDUReader;
import org.jsmpp.SMPPConstant;

/**
 * jSMPP's PDU reader, except that a deliver_sm_resp without a body (a header alone, as jSMPP itself and many ESMEs
 * answer a deliver_sm they refuse, e.g. ESME_RTHROTTLED) gets the empty message_id it omits. jSMPP's decomposer
 * reads that field unconditionally and throws on the short PDU, so the refusal was never seen and the receipt
 * waited for the response timeout instead of being sent again after the retry delay.
 */
final class LenientPduReader extends DefaultPDUReader {
    @Override
    public byte[] readPDU(DataInputStream in, int commandLength, int commandId, int commandStatus,
            int sequenceNumber) throws IOException {
        byte[] pdu = super.readPDU(in, commandLength, commandId, commandStatus, sequenceNumber);
        if (commandId == SMPPConstant.CID_DELIVER_SM_RESP && commandLength == 16) {
            return Arrays.copyOf(pdu, 17);
        }
        return pdu;
    }
}
