package org.compliantsms.events.text;

import java.util.Arrays;
import java.util.Map;

/**
 * The GSM 03.38 default alphabet and its extension table, as unpacked septets (one per byte, the form SMPP
 * carries with data_coding 0). Extension characters are written as ESC (0x1B) and their code.
 */
public final class GsmAlphabet {
    /** Septet value -> character; 0x1B is the escape to the extension table, never a character. */
    private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final int ESC = 0x1B;
    private static final Map<Character, Integer> EXTENSION = Map.of('\f', 0x0A, '^', 0x14, '{', 0x28, '}', 0x29,
            '\\', 0x2F, '[', 0x3C, '~', 0x3D, ']', 0x3E, '|', 0x40, '€', 0x65);

    /**
     * Character -> its code: 1 + septet for the basic table, {@value #EXTENDED} + code for the extension table, 0
     * when not in the alphabet. A table, not a search of BASIC: every message's text is looked up on the hot path.
     */
    private static final short[] CODES = new short[Character.MAX_VALUE + 1];
    private static final int EXTENDED = 0x100;
    /** Extension code -> character, 0 where the code is unassigned. */
    private static final char[] EXTENSION_CHARS = new char[128];

    static {
        if (BASIC.length() != 128) {
            throw new IllegalStateException("GSM basic table must have 128 entries, has " + BASIC.length());
        }
        for (int septet = 0; septet < BASIC.length(); septet++) {
            if (septet != ESC) {
                CODES[BASIC.charAt(septet)] = (short) (1 + septet);
            }
        }
        EXTENSION.forEach((c, code) -> {
            CODES[c] = (short) (EXTENDED + code);
            EXTENSION_CHARS[code] = c;
        });
    }

    private GsmAlphabet() {
    }

    /** Septets the character takes: 1 (basic), 2 (extension) or 0 when it is not in the alphabet. */
    public static int septets(char c) {
        int code = CODES[c];
        return code == 0 ? 0 : code >= EXTENDED ? 2 : 1;
    }

    public static boolean canEncode(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (CODES[text.charAt(i)] == 0) {
                return false;
            }
        }
        return true;
    }

    /** Encodes to unpacked septets; throws IllegalArgumentException for a character outside the alphabet. */
    public static byte[] encode(String text) {
        byte[] out = new byte[2 * text.length()];
        int length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int code = CODES[c];
            if (code == 0) {
                throw new IllegalArgumentException("not in the GSM 03.38 alphabet: U+" + Integer.toHexString(c));
            }
            if (code >= EXTENDED) {
                out[length++] = ESC;
                out[length++] = (byte) (code - EXTENDED);
            } else {
                out[length++] = (byte) (code - 1);
            }
        }
        return Arrays.copyOf(out, length);
    }

    /** Decodes unpacked septets. */
    public static String decode(byte[] septets) {
        StringBuilder text = new StringBuilder(septets.length);
        for (int i = 0; i < septets.length; i++) {
            int value = septets[i] & 0x7F;
            if (value == ESC && i + 1 < septets.length) {
                char extended = EXTENSION_CHARS[septets[++i] & 0x7F];
                text.append(extended == 0 ? ' ' : extended);
            } else {
                text.append(BASIC.charAt(value));
            }
        }
        return text.toString();
    }
}
