package org.compliantsms.dispatch.carrier;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;
import org.jsmpp.DefaultPDUReader;
import org.jsmpp.PDUException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.Command;
import org.jsmpp.bean.DataCoding;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.PendingResponse;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.connection.socket.SocketConnectionFactory;

/**
 * jSMPP's transceiver session with an asynchronous submit: the submit_sm is written with jSMPP's own PDU sender
 * and the submit_sm_resp, matched by sequence number in jSMPP's reader, completes a future instead of waking a
 * thread that blocked on it. jSMPP's blocking submit costs a parked thread and two wake-ups per message, about
 * half the client's CPU at these rates (measured with the simulator's load tool); bind, enquire_link, deliver_sm
 * and unbind stay jSMPP's, except that a receipt's deliver_sm_resp may be written later ({@link #answerWhenHandled}).
 */
final class WindowedSmppSession extends SMPPSession {
    private static final Logger LOG = Logger.getLogger(WindowedSmppSession.class);
    private final Map<Integer, AsyncResponse> outstanding = new ConcurrentHashMap<>();
    private final LaterDeliverSmResp writer;

    WindowedSmppSession() {
        this(new LaterDeliverSmResp());
    }

    private WindowedSmppSession(LaterDeliverSmResp writer) {
        super(writer, new DefaultPDUReader(), SocketConnectionFactory.getInstance());
        this.writer = writer;
    }

    /**
     * Answers the deliver_sm being processed (to be called from the listener, before it returns) once
     * {@code handled} completes: with success, or with a system error that makes the carrier send it again.
     */
    void answerWhenHandled(DeliverSm deliverSm, CompletionStage<Void> handled) {
        int sequenceNumber = deliverSm.getSequenceNumber();
        writer.markLater(sequenceNumber);
        handled.whenComplete((done, failure) -> {
            try {
                writer.answer(connection().getOutputStream(),
                        failure == null ? SMPPConstant.STAT_ESME_ROK : SMPPConstant.STAT_ESME_RSYSERR, sequenceNumber);
            } catch (IOException | RuntimeException e) {
                // The session broke: unanswered, the carrier sends it again.
                LOG.debugf("deliver_sm_resp %d not written: %s", sequenceNumber, e.toString());
            }
        });
    }

    /** The answer, or a timeout after which the submit's fate is unknown. */
    CompletableFuture<Command> submitAsync(Duration timeout, String sourceAddr, TypeOfNumber sourceTon,
            String destinationAddr, ESMClass esmClass, DataCoding dataCoding, byte[] shortMessage,
            OptionalParameter... tlvs)
            throws PDUException, IOException {
        int sequenceNumber = sequence().nextValue();
        AsyncResponse response = new AsyncResponse();
        outstanding.put(sequenceNumber, response);
        try {
            pduSender().sendSubmitSm(connection().getOutputStream(), sequenceNumber, "", sourceTon,
                    NumberingPlanIndicator.UNKNOWN, sourceAddr, TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN,
                    destinationAddr, esmClass, (byte) 0, (byte) 1, null, null,
                    new RegisteredDelivery(org.jsmpp.bean.SMSCDeliveryReceipt.SUCCESS_FAILURE), (byte) 0, dataCoding,
                    (byte) 0, shortMessage, tlvs);
        } catch (PDUException | IOException | RuntimeException e) {
            outstanding.remove(sequenceNumber);
            throw e;
        }
        return response.future.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((answer, failure) -> outstanding.remove(sequenceNumber));
    }

    int outstanding() {
        return outstanding.size();
    }

    @Override
    protected PendingResponse<Command> removePendingResponse(int sequenceNumber) {
        AsyncResponse async = outstanding.remove(sequenceNumber);
        return async != null ? async : super.removePendingResponse(sequenceNumber);
    }

    /** What jSMPP's reader completes when the response to our sequence number arrives. */
    private static final class AsyncResponse extends PendingResponse<Command> {
        private final CompletableFuture<Command> future = new CompletableFuture<>();

        AsyncResponse() {
            super(0);
        }

        @Override
        public void done(Command response) {
            future.complete(response);
        }

        @Override
        public void doneWithInvalidResponse(org.jsmpp.InvalidResponseException e) {
            future.completeExceptionally(e);
        }
    }
}
