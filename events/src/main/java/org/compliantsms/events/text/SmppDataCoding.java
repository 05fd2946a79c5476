package org.compliantsms.events.text;

import java.nio.charset.StandardCharsets;

/**
 * Short message bytes and SMPP's data_coding: 0 is the GSM 03.38 default alphabet (unpacked septets), 8 is UCS-2
 * (UTF-16BE), 3 is Latin-1. Texts are written GSM-7 when they fit the alphabet, UCS-2 otherwise.
 */
public final class SmppDataCoding {
    public static final int GSM7 = 0x00;
    public static final int LATIN1 = 0x03;
    public static final int UCS2 = 0x08;

    private SmppDataCoding() {
    }

    public static String decode(byte[] bytes, int dataCoding) {
        return switch (dataCoding & 0x0F) {
            case GSM7 -> GsmAlphabet.decode(bytes);
            case UCS2 -> new String(bytes, StandardCharsets.UTF_16BE);
            default -> new String(bytes, StandardCharsets.ISO_8859_1);
        };
    }

    public static int dataCodingFor(String text) {
        return GsmAlphabet.canEncode(text) ? GSM7 : UCS2;
    }

    public static byte[] encode(String text, int dataCoding) {
        return dataCoding == GSM7 ? GsmAlphabet.encode(text) : text.getBytes(StandardCharsets.UTF_16BE);
    }
}
