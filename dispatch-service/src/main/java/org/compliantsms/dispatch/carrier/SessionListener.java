package org.compliantsms.dispatch.carrier;

import org.compliantsms.dispatch.receipts.ReceiptListener;
import org.compliantsms.dispatch.replies.MobileOriginatedListener;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.Session;

/**
 * What one session receives: a deliver_sm with the receipt bit of esm_class is a delivery receipt, answered once
 * it is handled (without holding a processor thread); any other is a reply from a handset.
 */
final class SessionListener implements MessageReceiverListener {
    private final CarrierSettings carrier;
    private final WindowedSmppSession session;
    private final MobileOriginatedListener replies;
    private final ReceiptListener receipts;

    SessionListener(CarrierSettings carrier, WindowedSmppSession session, MobileOriginatedListener replies,
            ReceiptListener receipts) {
        this.carrier = carrier;
        this.session = session;
        this.replies = replies;
        this.receipts = receipts;
    }

    @Override
    public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
        if (deliverSm.isSmscDeliveryReceipt()) {
            session.answerWhenHandled(deliverSm, receipts.accept(carrier.name(), deliverSm));
        } else {
            replies.accept(carrier.name(), carrier.country(), deliverSm);
        }
    }

    @Override
    public void onAcceptAlertNotification(AlertNotification alertNotification) {
        replies.onAcceptAlertNotification(alertNotification);
    }

    @Override
    public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
        return replies.onAcceptDataSm(dataSm, source);
    }
}
