package org.compliantsms.dispatch.receipts;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a delivery receipt from what a deliver_sm carries: the {@code receipted_message_id} and
 * {@code message_state} TLVs, which are preferred when present, and the SMPP 3.4 appendix B text
 * ({@code id:… sub:… dlvrd:… submit date:… done date:… stat:DELIVRD err:… text:…}), whose keys carriers write in
 * either case and in varying order. The error code comes from {@code err:} or, without it, from the
 * {@code network_error_code} TLV (type, then the 2-octet code). Pure: no I/O.
 */
public final class ReceiptParser {
    private static final Pattern ID = Pattern.compile("(?i)(?:^|\\s)id:\\s*([^\\s]+)");
    private static final Pattern STAT = Pattern.compile("(?i)(?:^|\\s)stat:\\s*([^\\s]+)");
    private static final Pattern ERR = Pattern.compile("(?i)(?:^|\\s)err:\\s*([^\\s]+)");

    private ReceiptParser() {
    }

    /**
     * @param text the short_message (or message_payload) decoded, may be empty
     * @param receiptedMessageId the receipted_message_id TLV, null when absent
     * @param messageState the message_state TLV, null when absent
     * @param networkErrorCode the network_error_code TLV's 3 octets, null when absent
     */
    public static Receipt parse(String text, String receiptedMessageId, Integer messageState,
            byte[] networkErrorCode) throws ReceiptFormatException {
        String body = text == null ? "" : text;
        String id = blank(receiptedMessageId) ? find(ID, body) : receiptedMessageId.trim();
        if (blank(id)) {
            throw new ReceiptFormatException("a receipt without a message id (no receipted_message_id, no id: in '"
                    + abbreviate(body) + "')");
        }
        ReceiptState state;
        if (messageState != null) {
            state = ReceiptState.ofCode(messageState);
        } else {
            String stat = find(STAT, body);
            if (blank(stat)) {
                throw new ReceiptFormatException("a receipt for " + id + " without a state (no message_state, no "
                        + "stat: in '" + abbreviate(body) + "')");
            }
            // A word no SMSC standard knows still ends the message's story: UNKNOWN, with the word as the error.
            Optional<ReceiptState> known = ReceiptState.ofStat(stat);
            if (known.isEmpty()) {
                return new Receipt(id, ReceiptState.UNKNOWN, "stat " + stat.toUpperCase(Locale.ROOT), body);
            }
            state = known.get();
        }
        return new Receipt(id, state, error(find(ERR, body), networkErrorCode), body);
    }

    private static String error(String err, byte[] networkErrorCode) {
        if (!blank(err)) {
            return isZero(err) ? null : err;
        }
        if (networkErrorCode != null && networkErrorCode.length == 3) {
            int code = ((networkErrorCode[1] & 0xFF) << 8) | (networkErrorCode[2] & 0xFF);
            return code == 0 ? null : String.format("%03d", code);
        }
        return null;
    }

    private static boolean isZero(String err) {
        return err.chars().allMatch(c -> c == '0');
    }

    private static String find(Pattern pattern, String body) {
        Matcher matcher = pattern.matcher(body);
        return matcher.find() ? matcher.group(1) : null;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }
}
