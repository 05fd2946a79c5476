package org.compliantsms.dispatch.receipts;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.events.text.SmppDataCoding;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.OptionalParameter;

/** A deliver_sm with the receipt bit of esm_class, read and handed to the batcher. */
@ApplicationScoped
public class ReceiptListener {
    private final ReceiptBatcher batcher;

    public ReceiptListener(ReceiptBatcher batcher) {
        this.batcher = batcher;
    }

    /**
     * A receipt that came on a session of {@code carrier}; completes once it is handled: only then may the
     * deliver_sm be answered with success.
     */
    public CompletableFuture<Void> accept(String carrier, DeliverSm deliverSm) {
        String text = text(deliverSm);
        Receipt receipt = null;
        String problem = null;
        try {
            receipt = ReceiptParser.parse(text, receiptedMessageId(deliverSm), messageState(deliverSm),
                    octets(deliverSm, OptionalParameter.Tag.NETWORK_ERROR_CODE));
        } catch (ReceiptFormatException e) {
            problem = e.getMessage();
        }
        return batcher.submit(new IncomingReceipt(carrier, receipt, problem, text, deliverSm.getSourceAddr(),
                Instant.now(), false));
    }

    private static String text(DeliverSm deliverSm) {
        byte[] bytes = deliverSm.getShortMessage();
        if (bytes == null || bytes.length == 0) {
            bytes = octets(deliverSm, OptionalParameter.Tag.MESSAGE_PAYLOAD);
        }
        return bytes == null ? "" : SmppDataCoding.decode(bytes, deliverSm.getDataCoding());
    }

    private static String receiptedMessageId(DeliverSm deliverSm) {
        OptionalParameter id = deliverSm.getOptionalParameter(OptionalParameter.Tag.RECEIPTED_MESSAGE_ID);
        if (id instanceof OptionalParameter.COctetString string) {
            return string.getValueAsString();
        }
        return id instanceof OptionalParameter.OctetString octets ? octets.getValueAsString() : null;
    }

    private static Integer messageState(DeliverSm deliverSm) {
        OptionalParameter state = deliverSm.getOptionalParameter(OptionalParameter.Tag.MESSAGE_STATE);
        if (state instanceof OptionalParameter.Byte value) {
            return value.getValue() & 0xFF;
        }
        byte[] raw = state instanceof OptionalParameter.OctetString octets ? octets.getValue() : null;
        return raw != null && raw.length == 1 ? raw[0] & 0xFF : null;
    }

    private static byte[] octets(DeliverSm deliverSm, OptionalParameter.Tag tag) {
        OptionalParameter parameter = deliverSm.getOptionalParameter(tag);
        return parameter instanceof OptionalParameter.OctetString octets ? octets.getValue() : null;
    }
}
