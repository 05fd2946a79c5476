package org.compliantsms.dispatch.carrier.segmentation;

import java.util.ArrayList;
import java.util.List;

import org.compliantsms.events.text.GsmAlphabet;

/**
 * Cuts a text into its SMS parts by the rules compliance counts segments with (SmsEncoding): GSM-7 up to 160
 * septets in one SMS, else 153 per part, an extension character (two septets: escape and code) never cut in two;
 * UCS-2 up to 70 UTF-16 units, else 67 per part, a surrogate pair never cut in two. {@link Segmentation#UDH16}
 * leaves one character less per part (152 / 66) and may therefore need one part more than compliance counted.
 */
public final class TextSplitter {
    private TextSplitter() {
    }

    /**
     * @param gsm7 true to count the text in GSM-7 septets (it must be in the alphabet), false in UCS-2 units
     * @return the parts in order, concatenated they are {@code text}; one part when it fits one SMS or the mode is
     *         {@link Segmentation#PAYLOAD}
     */
    public static List<String> split(String text, boolean gsm7, Segmentation mode) {
        if (mode == Segmentation.PAYLOAD) {
            return List.of(text);
        }
        return gsm7 ? splitGsm7(text, mode.gsm7PerPart()) : splitUcs2(text, mode.ucs2PerPart());
    }

    private static List<String> splitGsm7(String text, int perPart) {
        // Each character takes one or two septets: no count needed while the text is short enough either way.
        if (2 * text.length() <= Segmentation.GSM7_SINGLE || septets(text) <= Segmentation.GSM7_SINGLE) {
            return List.of(text);
        }
        List<String> parts = new ArrayList<>();
        int start = 0;
        int used = 0;
        for (int i = 0; i < text.length(); i++) {
            int size = Math.max(1, GsmAlphabet.septets(text.charAt(i)));
            if (used + size > perPart) {
                parts.add(text.substring(start, i));
                start = i;
                used = 0;
            }
            used += size;
        }
        parts.add(text.substring(start));
        return parts;
    }

    private static List<String> splitUcs2(String text, int perPart) {
        if (text.length() <= Segmentation.UCS2_SINGLE) {
            return List.of(text);
        }
        List<String> parts = new ArrayList<>();
        int start = 0;
        int used = 0;
        for (int i = 0; i < text.length(); i++) {
            // As compliance counts: a high surrogate goes with whatever follows it.
            int size = Character.isHighSurrogate(text.charAt(i)) && i + 1 < text.length() ? 2 : 1;
            if (used + size > perPart) {
                parts.add(text.substring(start, i));
                start = i;
                used = 0;
            }
            used += size;
            i += size - 1;
        }
        parts.add(text.substring(start));
        return parts;
    }

    private static int septets(String text) {
        int septets = 0;
        for (int i = 0; i < text.length(); i++) {
            septets += GsmAlphabet.septets(text.charAt(i));
        }
        return septets;
    }
}
