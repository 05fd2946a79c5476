package org.compliantsms.events;

import java.time.Instant;

/**
 * What a consumer that binds without the schema check ({@link EventCodec#bind}) still holds a record to, on the bound
 * record itself: no JSON tree, no allocation on a valid record, a few comparisons per field. For
 * {@link MessageApproved}, the event dispatch sends to a carrier:
 * <ul>
 * <li>every required field of the schema is present (a missing one binds as null, or 0 for {@code segments});</li>
 * <li>the limits its schema states: {@code request.messageId} 1–128 printable ASCII, {@code request.programId}
 * 1–64 of {@code [A-Za-z0-9._-]}, {@code request.body} 1–1,600 characters, {@code request.senderId} 1–16,
 * {@code body} not empty, {@code segments} at least 1;</li>
 * <li>{@code body} fits in {@code segments} parts (the schema's "160/153 GSM-7, 70/67 UCS-2"): a body longer
 * than its count says is not one compliance counted;</li>
 * <li>{@code request.recipient} is E.164 ({@code +}, 6 to 15 digits, no leading 0): the request schema accepts
 * any string so that a bad number ends MessageRejected INVALID_NUMBER, so an approval names a valid number.</li>
 * </ul>
 * Wrong JSON types (a number where a string is required...) and unknown enum values already fail the binding.
 * Other events have no bound check: their unchecked consumers only record what the platform decided.
 */
public final class BoundContract {
    /** {@code MessageRequested.body} maxLength. */
    public static final int MAX_REQUEST_BODY = 1600;
    private static final int MAX_MESSAGE_ID = 128;
    private static final int MAX_PROGRAM_ID = 64;
    private static final int MAX_SENDER_ID = 16;

    private BoundContract() {
    }

    /** What is wrong with the bound event, or null when nothing the check covers is. */
    public static String violation(SmsEvent event) {
        return event instanceof MessageApproved approved ? approved(approved) : null;
    }

    static String approved(MessageApproved a) {
        MessageRequested r = a.request();
        if (r == null) {
            return missing("request");
        }
        String wrong = request(r);
        if (wrong != null) {
            return wrong;
        }
        if (a.body() == null) {
            return missing("body");
        }
        if (a.body().isEmpty()) {
            return "/body: empty (1 character at least)";
        }
        if (a.encoding() == null) {
            return missing("encoding");
        }
        if (a.segments() < 1) {
            return "/segments: " + a.segments() + " (at least 1; absent or null binds as 0)";
        }
        long capacity = capacity(a.encoding(), a.segments());
        if (a.body().length() > capacity) {
            return "/body: " + a.body().length() + " characters do not fit in " + a.segments() + " " + a.encoding()
                    + " segment" + (a.segments() == 1 ? "" : "s") + " (" + capacity + " at most)";
        }
        if (a.sendAfter() == null) {
            return missing("sendAfter");
        }
        if (a.approvedAt() == null) {
            return missing("approvedAt");
        }
        return null;
    }

    private static String request(MessageRequested r) {
        String id = r.messageId();
        if (id == null) {
            return missing("request.messageId");
        }
        if (id.isEmpty() || id.length() > MAX_MESSAGE_ID || !printableAscii(id)) {
            return "/request/messageId: not 1 to 128 printable ASCII characters";
        }
        String program = r.programId();
        if (program == null) {
            return missing("request.programId");
        }
        if (program.isEmpty() || program.length() > MAX_PROGRAM_ID || !programChars(program)) {
            return "/request/programId: not 1 to 64 of [A-Za-z0-9._-]";
        }
        if (r.category() == null) {
            return missing("request.category");
        }
        if (r.recipient() == null) {
            return missing("request.recipient");
        }
        if (!e164(r.recipient())) {
            return "/request/recipient: not E.164 (compliance approves valid numbers only): "
                    + PhoneNumbers.mask(r.recipient());
        }
        String body = r.body();
        if (body == null) {
            return missing("request.body");
        }
        if (body.isEmpty() || body.length() > MAX_REQUEST_BODY
                && body.codePointCount(0, body.length()) > MAX_REQUEST_BODY) {
            return "/request/body: " + body.codePointCount(0, body.length()) + " characters (1 to "
                    + MAX_REQUEST_BODY + ")";
        }
        String sender = r.senderId();
        if (sender == null) {
            return missing("request.senderId");
        }
        if (sender.isEmpty() || sender.length() > MAX_SENDER_ID) {
            return "/request/senderId: " + sender.length() + " characters (1 to " + MAX_SENDER_ID + ")";
        }
        Instant requestedAt = r.requestedAt();
        return requestedAt == null ? missing("request.requestedAt") : null;
    }

    /** The most characters {@code segments} parts hold: a character is at least one septet (GSM-7) or unit (UCS-2). */
    static long capacity(Encoding encoding, int segments) {
        boolean gsm = encoding == Encoding.GSM7;
        return segments == 1 ? (gsm ? 160 : 70) : (long) segments * (gsm ? 153 : 67);
    }

    /** {@code ^\+[1-9][0-9]{5,14}$}, the schemas' e164. */
    static boolean e164(String s) {
        int n = s.length();
        if (n < 7 || n > 16 || s.charAt(0) != '+' || s.charAt(1) < '1' || s.charAt(1) > '9') {
            return false;
        }
        for (int i = 2; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean printableAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '!' || c > '~') {
                return false;
            }
        }
        return true;
    }

    private static boolean programChars(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_'
                    || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static String missing(String path) {
        return "/" + path.replace('.', '/') + ": required, missing or null";
    }
}
