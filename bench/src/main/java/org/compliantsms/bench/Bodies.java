package org.compliantsms.bench;

/**
 * Message bodies of a realistic mix: about 85% short GSM-7, 10% UCS-2 (Cyrillic or emoji), 5% GSM-7 longer than
 * 160 characters (several segments). Each carries its message id as a token, {@code [b:<messageId>]}, which is how
 * a line of the simulator's record is matched to its request.
 */
public final class Bodies {
    public enum Kind {
        GSM7, UCS2, MULTI_SEGMENT
    }

    public static final String TOKEN_START = "[b:";

    private static final String LONG_TEXT = "Your ACME order %06d is confirmed. We will let you know as soon as "
            + "it leaves our warehouse; delivery usually takes two to four working days. You can follow it, change "
            + "the address or the delivery slot at any time in the app or on our website. Thank you!";

    private Bodies() {
    }

    public static Kind kindOf(int index) {
        int bucket = (int) Math.floorMod(mix(index), 100L);
        return bucket < 5 ? Kind.MULTI_SEGMENT : bucket < 15 ? Kind.UCS2 : Kind.GSM7;
    }

    public static String of(int index, String messageId) {
        int code = (int) Math.floorMod(mix(index + 7_919L), 1_000_000L);
        String token = token(messageId);
        return switch (kindOf(index)) {
            case GSM7 -> String.format("Your ACME code is %06d. It expires in 10 minutes. %s", code, token);
            case UCS2 -> index % 2 == 0
                    ? String.format("Ваш код ACME: %06d. Он действует 10 минут. %s", code, token)
                    : String.format("Your ACME parcel %06d is on its way \uD83D\uDCE6\uD83D\uDE9A %s", code, token);
            case MULTI_SEGMENT -> String.format(LONG_TEXT, code) + " " + token;
        };
    }

    public static String token(String messageId) {
        return TOKEN_START + messageId + "]";
    }

    /** The message id inside a body's token, or null when the text carries none. */
    public static String messageIdIn(String text) {
        int start = text.lastIndexOf(TOKEN_START);
        if (start < 0) {
            return null;
        }
        int end = text.indexOf(']', start);
        return end < 0 ? null : text.substring(start + TOKEN_START.length(), end);
    }

    /** A well-spread hash (SplitMix64's finaliser), so that kinds do not line up with the plan's layout. */
    static long mix(long value) {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
