package org.compliantsms.simulator.receipts;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;

import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUReader;
import org.jsmpp.PDUSender;
import org.jsmpp.PDUStringException;
import org.jsmpp.bean.Command;
import org.jsmpp.bean.DataCoding;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.PendingResponse;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.connection.Connection;

/**
 * jSMPP's server session, plus a deliver_sm that does not wait: it is written at once and its deliver_sm_resp,
 * matched by sequence number in jSMPP's reader, is handed to a callback. Thousands of receipts a second can be
 * outstanding without a thread each.
 */
public final class ReceiptSession extends SMPPServerSession {
    /** The command_status reported for a deliver_sm whose answer never came or was not a deliver_sm_resp. */
    public static final int NO_ANSWER = -1;

    private final Map<Integer, Answer> awaiting = new ConcurrentHashMap<>();

    public ReceiptSession(Connection conn, ServerMessageReceiverListener listener, int pduProcessorDegree,
            int queueCapacity, PDUSender pduSender, PDUReader pduReader) {
        super(conn, null, listener, null, pduProcessorDegree, queueCapacity, pduSender, pduReader);
    }

    /** Writes the deliver_sm; {@code answered} gets the command_status of its response. Returns its sequence. */
    int deliverWithoutWaiting(String sourceAddr, String destAddr, TypeOfNumber destTon, DataCoding dataCoding,
            byte[] shortMessage, OptionalParameter[] tlvs, IntConsumer answered) throws PDUStringException,
            IOException {
        int sequenceNumber = sequence().nextValue();
        awaiting.put(sequenceNumber, new Answer(answered));
        try {
            pduSender().sendDeliverSm(connection().getOutputStream(), sequenceNumber, "", TypeOfNumber.INTERNATIONAL,
                    NumberingPlanIndicator.ISDN, sourceAddr, destTon, NumberingPlanIndicator.UNKNOWN, destAddr,
                    new ESMClass(0x04), (byte) 0, (byte) 0, new RegisteredDelivery(0), dataCoding, shortMessage,
                    tlvs);
        } catch (PDUStringException | IOException | RuntimeException e) {
            awaiting.remove(sequenceNumber);
            throw e;
        }
        return sequenceNumber;
    }

    /** Gives up waiting for this deliver_sm's answer; true when it had not come. */
    boolean forget(int sequenceNumber) {
        Answer answer = awaiting.remove(sequenceNumber);
        if (answer != null) {
            answer.answered.accept(NO_ANSWER);
            return true;
        }
        return false;
    }

    /**
     * The session is gone: every deliver_sm still waiting for its answer will never get one. Reported now as
     * unanswered (the sender queues them for the next session) rather than after the response timeout.
     */
    public void abandonAwaiting() {
        for (Integer sequenceNumber : awaiting.keySet()) {
            forget(sequenceNumber);
        }
    }

    int awaiting() {
        return awaiting.size();
    }

    @Override
    protected PendingResponse<Command> removePendingResponse(int sequenceNumber) {
        Answer answer = awaiting.remove(sequenceNumber);
        return answer != null ? answer : super.removePendingResponse(sequenceNumber);
    }

    /** What jSMPP's reader calls when the deliver_sm_resp for our sequence number came. */
    private static final class Answer extends PendingResponse<Command> {
        private final IntConsumer answered;

        Answer(IntConsumer answered) {
            super(0);
            this.answered = answered;
        }

        @Override
        public void done(Command response) {
            answered.accept(response.getCommandStatus());
        }

        @Override
        public void doneWithInvalidResponse(InvalidResponseException e) {
            answered.accept(NO_ANSWER);
        }
    }
}
