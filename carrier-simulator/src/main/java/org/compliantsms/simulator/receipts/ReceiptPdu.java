package org.compliantsms.simulator.receipts;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.jsmpp.bean.OptionalParameter;

/** The parts of a receipt's deliver_sm: the SMPP 3.4 appendix B text and the receipt TLVs. */
final class ReceiptPdu {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyMMddHHmm").withZone(ZoneOffset.UTC);
    /** network_error_code's network type: GSM. */
    private static final byte GSM = 3;

    private ReceiptPdu() {
    }

    /** {@code id:… sub:001 dlvrd:001 submit date:… done date:… stat:DELIVRD err:000 text:…}, in ASCII. */
    static String text(PlannedReceipt receipt, Instant doneAt) {
        String start = receipt.text() == null ? "" : receipt.text();
        String excerpt = start.substring(0, Math.min(20, start.length())).replaceAll("[^\\x20-\\x7e]", ".");
        return "id:" + receipt.id() + " sub:001 dlvrd:" + ("DELIVRD".equals(receipt.outcome().stat()) ? "001" : "000")
                + " submit date:" + DATE.format(receipt.submittedAt()) + " done date:" + DATE.format(doneAt)
                + " stat:" + receipt.outcome().stat() + " err:" + pad(receipt.outcome().err()) + " text:" + excerpt;
    }

    static byte[] shortMessage(PlannedReceipt receipt, Instant doneAt) {
        return receipt.form() == ReceiptForm.TLV ? new byte[0]
                : text(receipt, doneAt).getBytes(StandardCharsets.US_ASCII);
    }

    static OptionalParameter[] tlvs(PlannedReceipt receipt) {
        if (receipt.form() == ReceiptForm.TEXT) {
            return new OptionalParameter[0];
        }
        List<OptionalParameter> tlvs = new ArrayList<>(3);
        tlvs.add(new OptionalParameter.COctetString(OptionalParameter.Tag.RECEIPTED_MESSAGE_ID.code(), receipt.id()));
        tlvs.add(new OptionalParameter.Byte(OptionalParameter.Tag.MESSAGE_STATE,
                (byte) receipt.outcome().messageState()));
        int err = Integer.parseInt(receipt.outcome().err());
        if (err != 0) {
            tlvs.add(new OptionalParameter.OctetString(OptionalParameter.Tag.NETWORK_ERROR_CODE.code(),
                    new byte[] { GSM, (byte) (err >> 8), (byte) err }));
        }
        return tlvs.toArray(new OptionalParameter[0]);
    }

    private static String pad(String err) {
        return "000".substring(Math.min(3, err.length())) + err;
    }
}
