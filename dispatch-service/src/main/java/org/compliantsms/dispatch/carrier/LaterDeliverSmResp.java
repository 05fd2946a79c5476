package org.compliantsms.dispatch.carrier;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jsmpp.util.DefaultComposer;
import org.jsmpp.DefaultPDUSender;
import org.jsmpp.SynchronizedPDUSender;

/**
 * jSMPP's PDU writer, except that the deliver_sm_resp jSMPP writes as soon as the listener returns is skipped for
 * the sequence numbers marked here: those are answered later, by {@link #answer}, when what they carried is safely
 * handled. No processor thread waits for Kafka meanwhile.
 */
final class LaterDeliverSmResp extends SynchronizedPDUSender {
    private static final byte[] NOT_SENT = new byte[0];
    private final Set<Integer> later = ConcurrentHashMap.newKeySet();

    LaterDeliverSmResp() {
        super(new DefaultPDUSender(new DefaultComposer()));
    }

    /** Called by the listener, before it returns, for a deliver_sm it answers itself. */
    void markLater(int sequenceNumber) {
        later.add(sequenceNumber);
    }

    void answer(OutputStream os, int commandStatus, int sequenceNumber) throws IOException {
        super.sendDeliverSmResp(os, commandStatus, sequenceNumber, null);
    }

    @Override
    public byte[] sendDeliverSmResp(OutputStream os, int commandStatus, int sequenceNumber, String messageId)
            throws IOException {
        if (later.remove(sequenceNumber)) {
            return NOT_SENT;
        }
        return super.sendDeliverSmResp(os, commandStatus, sequenceNumber, messageId);
    }
}
