package org.compliantsms.dispatch.replies;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.compliantsms.batch.Output;
import org.compliantsms.batch.OutputProducer;
import org.compliantsms.dispatch.Channels;
import org.compliantsms.dispatch.carrier.CarrierConfig;
import org.compliantsms.events.EventCodec;
import org.compliantsms.events.InboundReceived;
import org.compliantsms.events.PhoneNumbers;
import org.compliantsms.events.PhoneNumbers.InvalidNumberException;
import org.compliantsms.events.Topics;
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
 * for inbound to classify. deliver_sm is answered only once Kafka acknowledged the event, so a reply (a STOP) is
 * never lost: when Kafka is down the carrier gets an error and delivers it again.
 */
@ApplicationScoped
public class MobileOriginatedListener implements MessageReceiverListener {
    private static final Logger LOG = Logger.getLogger(MobileOriginatedListener.class);

    private final CarrierConfig config;
    private final OutputProducer producer;

    public MobileOriginatedListener(CarrierConfig config, OutputProducer producer) {
        this.config = config;
        this.producer = producer;
    }

    @Override
    public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
        if (deliverSm.isSmscDeliveryReceipt()) {
            LOG.debug("delivery receipt received (receipts are not processed yet)");
            return;
        }
        String text = text(deliverSm);
        String rawFrom = deliverSm.getSourceAddrTon() == 1 && !deliverSm.getSourceAddr().startsWith("+")
                ? "+" + deliverSm.getSourceAddr() : deliverSm.getSourceAddr();
        InboundReceived reply = new InboundReceived("smpp-" + UUID.randomUUID(), rawFrom, deliverSm.getDestAddress(),
                text, config.carrier().name(), Instant.now(), null);
        try {
            PhoneNumbers.requireE164(rawFrom);
            producer.sendAll(List.of(Output.event(reply, Channels.SOURCE)));
            LOG.debugf("reply from %s to %s recorded", PhoneNumbers.mask(rawFrom), reply.to());
        } catch (InvalidNumberException e) {
            deadLetter(reply, "sender is not a valid E.164 number: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.warnf("reply from %s not recorded, the carrier will retry: %s", PhoneNumbers.mask(rawFrom), e);
            throw new ProcessRequestException("not recorded, retry later", SMPPConstant.STAT_ESME_RSYSERR, e);
        }
    }

    private void deadLetter(InboundReceived reply, String reason) throws ProcessRequestException {
        RecordHeaders headers = new RecordHeaders();
        headers.add(Output.DLQ_REASON, reason.getBytes(StandardCharsets.UTF_8));
        headers.add(Output.DLQ_TOPIC, Topics.INBOUND_RECEIVED.getBytes(StandardCharsets.UTF_8));
        try {
            producer.sendAll(List.of(new Output(Topics.INBOUND_RECEIVED_DLQ, reply.from(), EventCodec.encode(reply),
                    headers)));
            LOG.warnf("reply from %s sent to the dead-letter topic: %s", PhoneNumbers.mask(reply.from()), reason);
        } catch (RuntimeException e) {
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
