package org.compliantsms.simulator.smpp;

import java.io.IOException;
import java.io.OutputStream;

import org.jboss.logging.Logger;
import org.jsmpp.DefaultPDUSender;
import org.jsmpp.PDUStringException;
import org.jsmpp.bean.OptionalParameter;

/**
 * jSMPP's PDU writer, except that a submit_sm_resp marked in {@link DelayedResponses} is written later. Not
 * synchronized like jSMPP's default: the session's output stream ({@link CoalescingOutputStream}) is thread-safe per
 * PDU, which is what lets writes from several processor threads share one system call.
 */
final class DelayingPduSender extends DefaultPDUSender {
    private static final Logger LOG = Logger.getLogger(DelayingPduSender.class);
    private static final byte[] NOT_YET_SENT = new byte[0];

    private final DelayedResponses delayed;

    DelayingPduSender(DelayedResponses delayed) {
        this.delayed = delayed;
    }

    @Override
    public byte[] sendSubmitSmResp(OutputStream os, int sequenceNumber, String messageId,
            OptionalParameter... optionalParameters) throws PDUStringException, IOException {
        long delayMs = delayed.take(messageId);
        if (delayMs <= 0) {
            return super.sendSubmitSmResp(os, sequenceNumber, messageId, optionalParameters);
        }
        delayed.schedule(() -> sendLate(os, sequenceNumber, messageId, optionalParameters), delayMs);
        return NOT_YET_SENT;
    }

    private void sendLate(OutputStream os, int sequenceNumber, String messageId, OptionalParameter[] parameters) {
        try {
            super.sendSubmitSmResp(os, sequenceNumber, messageId, parameters);
        } catch (PDUStringException | IOException e) {
            LOG.debugf("delayed submit_sm_resp %s not sent: %s", messageId, e.toString());
        }
    }
}
