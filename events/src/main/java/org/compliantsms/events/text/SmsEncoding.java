package org.compliantsms.events.text;

import org.compliantsms.events.Encoding;

/**
 * How a text travels as SMS: GSM 03.38 7-bit when every character is in the default alphabet or its extension
 * table (which costs two septets), UCS-2 otherwise; and how many parts it takes (160 or 153 septets per part,
 * 70 or 67 UTF-16 units for UCS-2; an escape sequence or a surrogate pair is never split across parts).
 */
public final class SmsEncoding {
    public record Result(Encoding encoding, int segments, int units) {
    }

    private SmsEncoding() {
    }

    public static Result of(String text) {
        return isGsm7(text) ? gsm7(text) : ucs2(text);
    }

    public static boolean isGsm7(String text) {
        return GsmAlphabet.canEncode(text);
    }

    private static Result gsm7(String text) {
        int septets = 0;
        for (int i = 0; i < text.length(); i++) {
            septets += GsmAlphabet.septets(text.charAt(i));
        }
        if (septets <= 160) {
            return new Result(Encoding.GSM7, 1, septets);
        }
        int segments = 1;
        int used = 0;
        for (int i = 0; i < text.length(); i++) {
            int size = GsmAlphabet.septets(text.charAt(i));
            if (used + size > 153) {
                segments++;
                used = 0;
            }
            used += size;
        }
        return new Result(Encoding.GSM7, segments, septets);
    }

    private static Result ucs2(String text) {
        int units = text.length();
        if (units <= 70) {
            return new Result(Encoding.UCS2, 1, units);
        }
        int segments = 1;
        int used = 0;
        for (int i = 0; i < text.length(); i++) {
            int size = Character.isHighSurrogate(text.charAt(i)) && i + 1 < text.length() ? 2 : 1;
            if (used + size > 67) {
                segments++;
                used = 0;
            }
            used += size;
            i += size - 1;
        }
        return new Result(Encoding.UCS2, segments, units);
    }
}
