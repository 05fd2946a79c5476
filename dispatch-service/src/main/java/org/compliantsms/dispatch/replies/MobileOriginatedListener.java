package org.compliantsms.dispatch.replies;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.batch.Output;
import org.compliantsms.batch.OutputProducer;
import org.compliantsms.dispatch.Channels;
import org.compliantsms.events.InboundReceived;
import org.compliantsms.events.InboundUnattributed;
import org.compliantsms.events.PhoneNumbers;
import org.compliantsms.events.PhoneNumbers.InvalidNumberException;
import org.compliantsms.events.SmsEvent;
import org.compliantsms.events.text.SmppDataCoding;
import org.jboss.logging.Logger;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.Session;


/**
 * Replies (mobile-originated messages) that arrive on the carrier's SMPP session become inbound-received events
 * for inbound to classify, their sender normalised to E.164 by its type of number ({@link SmppSenders}); a reply
 * whose sender is no attributable number becomes an inbound-unattributed event, kept for review. deliver_sm is
 * answered only once Kafka acknowledged the event, so a reply (a STOP) is never lost: when Kafka is down the
 * carrier gets an error and delivers it again. Delivery receipts, which arrive the same way, never come here: the
 * session's listener hands them to the receipts package.
 */
@ApplicationScoped
public class MobileOriginatedListener implements MessageReceiverListener {
    private static final Logger LOG = Logger.getLogger(MobileOriginatedListener.class);

    private final OutputProducer producer;

    public MobileOriginatedListener(OutputProducer producer) {
        this.producer = producer;
    }

    @Override
    public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
        throw new ProcessRequestException("a reply is accepted for a carrier", SMPPConstant.STAT_ESME_RSYSERR);
    }

    /**
     * A reply that came on a session of {@code carrier}, whose national senders are read in {@code country}.
     */
    public void accept(String carrier, Optional<String> country, DeliverSm deliverSm) throws ProcessRequestException {
        String id = "smpp-" + UUID.randomUUID();
        String text = text(deliverSm);
        Instant receivedAt = Instant.now();
        SmsEvent event;
        String from;
        try {
            from = SmppSenders.e164(deliverSm.getSourceAddr(), deliverSm.getSourceAddrTon(), country);
            event = new InboundReceived(id, from, deliverSm.getDestAddress(), text, carrier, receivedAt,
                    null);
        } catch (InvalidNumberException e) {
            // Never only a dead letter: inbound keeps it for review and alerts when it is an opt-out.
            from = deliverSm.getSourceAddr();
            event = new InboundUnattributed(id, from, (int) deliverSm.getSourceAddrTon(),
                    (int) deliverSm.getSourceAddrNpi(), deliverSm.getDestAddress(), text, carrier,
                    receivedAt, e.getMessage());
            LOG.warnf("reply %s to %s not attributable to a number, kept for review: %s", id,
                    deliverSm.getDestAddress(), e.getMessage());
        }
        try {
            producer.sendAll(List.of(Output.event(event, Channels.SOURCE)));
            LOG.debugf("reply %s from %s to %s recorded", id, PhoneNumbers.mask(from), deliverSm.getDestAddress());
        } catch (RuntimeException e) {
            LOG.warnf("reply %s from %s not recorded, the carrier will retry: %s", id, PhoneNumbers.mask(from), e);
            throw new ProcessRequestException("not recorded, retry later", SMPPConstant.STAT_ESME_RSYSERR, e);
        }
    }

    private static String text(DeliverSm deliverSm) {
        byte[] bytes = deliverSm.getShortMessage();
        if (bytes == null || bytes.length == 0) {
            OptionalParameter payload = deliverSm.getOptionalParameter(OptionalParameter.Tag.MESSAGE_PAYLOAD);
            bytes = payload instanceof OptionalParameter.OctetString octets ? octets.getValue() : new byte[0];
        }
        return SmppDataCoding.decode(bytes, deliverSm.getDataCoding());
    }

    @Override
    public void onAcceptAlertNotification(AlertNotification alertNotification) {
        // not used
    }

    @Override
    public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
        throw new ProcessRequestException("data_sm is not supported", SMPPConstant.STAT_ESME_RINVCMDID);
    }
}
