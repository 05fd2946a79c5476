package org.compliantsms.simulator;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;

/** A transceiver that asks for receipts and keeps every deliver_sm it gets; it can refuse the first few. */
final class ReceiptClient implements AutoCloseable, MessageReceiverListener {
    private final SMPPSession session = new SMPPSession();
    private final BlockingQueue<DeliverSm> received = new LinkedBlockingQueue<>();
    private final AtomicInteger toRefuse = new AtomicInteger();

    ReceiptClient() throws IOException {
        session.setMessageReceiverListener(this);
        session.connectAndBind("localhost", TestClient.PORT, new BindParameter(BindType.BIND_TRX, "dispatch",
                "secret", "", TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null));
    }

    /** Answers the next {@code count} deliver_sm with a system error. */
    void refuseNext(int count) {
        toRefuse.set(count);
    }

    /** Submits with a receipt requested; returns the carrier message id. */
    String submit(String e164, String text) throws Exception {
        return session.submitShortMessage("", TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN, "ACME",
                TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, e164.substring(1), new ESMClass(), (byte) 0,
                (byte) 1, null, null, new RegisteredDelivery(SMSCDeliveryReceipt.SUCCESS_FAILURE), (byte) 0,
                new GeneralDataCoding(), (byte) 0, text.getBytes()).getMessageId();
    }

    /** The next deliver_sm, or null after the timeout. */
    DeliverSm next(Duration timeout) throws InterruptedException {
        return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
        received.add(deliverSm);
        if (toRefuse.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new ProcessRequestException("refused by the test", SMPPConstant.STAT_ESME_RSYSERR);
        }
    }

    @Override
    public void onAcceptAlertNotification(AlertNotification alertNotification) {
        // not used
    }

    @Override
    public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
        throw new ProcessRequestException("not used", SMPPConstant.STAT_ESME_RINVCMDID);
    }

    @Override
    public void close() {
        session.unbindAndClose();
    }
}
