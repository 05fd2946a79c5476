package org.compliantsms.simulator.smpp;

import java.nio.charset.StandardCharsets;

import org.compliantsms.events.text.GsmAlphabet;

/** Text of a short message from its SMPP data_coding. */
final class SmsText {
    static final int GSM7 = 0x00;
    static final int LATIN1 = 0x03;
    static final int UCS2 = 0x08;

    private SmsText() {
    }

    static String decode(byte[] bytes, int dataCoding) {
        return switch (dataCoding & 0x0F) {
            case GSM7 -> GsmAlphabet.decode(bytes);
            case UCS2 -> new String(bytes, StandardCharsets.UTF_16BE);
            default -> new String(bytes, StandardCharsets.ISO_8859_1);
        };
    }

    static byte[] encode(String text) {
        return GsmAlphabet.canEncode(text) ? GsmAlphabet.encode(text) : text.getBytes(StandardCharsets.UTF_16BE);
    }

    static int dataCodingFor(String text) {
        return GsmAlphabet.canEncode(text) ? GSM7 : UCS2;
    }

    /** SMPP addresses with TON international carry no '+'; the simulator speaks E.164 on its admin API. */
    static String toE164(String address, byte ton) {
        if (address == null || address.startsWith("+") || ton != 1) {
            return address;
        }
        return "+" + address;
    }
}
