package org.compliantsms.simulator.smpp;

import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.SubmitSm;

/**
 * Where a submit_sm says it is one part of a longer message: a user data header (esm_class UDHI, 0x40) with the
 * concatenation element of 8-bit (IEI 0x00) or 16-bit (IEI 0x08) reference, or the SAR TLVs.
 *
 * @param content the part's text octets, without the header
 * @param malformed why the header cannot be read, or null
 */
record ConcatenatedPart(Kind kind, int reference, int total, int seq, byte[] content, String malformed) {
    private static final int UDHI = 0x40;

    enum Kind {
        UDH8, UDH16, SAR
    }

    /** Null when the submit_sm is a whole message ({@code bytes} its text). */
    static ConcatenatedPart of(SubmitSm submit, byte[] bytes) {
        if ((submit.getEsmClass() & UDHI) != 0) {
            return fromHeader(bytes);
        }
        if (submit.getOptionalParameters() == null || submit.getOptionalParameters().length == 0) {
            return null;
        }
        OptionalParameter ref = submit.getOptionalParameter(OptionalParameter.Tag.SAR_MSG_REF_NUM);
        OptionalParameter total = submit.getOptionalParameter(OptionalParameter.Tag.SAR_TOTAL_SEGMENTS);
        OptionalParameter seq = submit.getOptionalParameter(OptionalParameter.Tag.SAR_SEGMENT_SEQNUM);
        if (ref == null && total == null && seq == null) {
            return null;
        }
        if (ref instanceof OptionalParameter.Short r && total instanceof OptionalParameter.Byte t
                && seq instanceof OptionalParameter.Byte s) {
            return checked(Kind.SAR, r.getValue() & 0xFFFF, t.getValue() & 0xFF, s.getValue() & 0xFF, bytes);
        }
        return malformed(Kind.SAR, bytes, "sar_msg_ref_num, sar_total_segments and sar_segment_seqnum go together");
    }

    boolean isMalformed() {
        return malformed != null;
    }

    private static ConcatenatedPart fromHeader(byte[] bytes) {
        if (bytes.length == 0 || (bytes[0] & 0xFF) + 1 > bytes.length) {
            return malformed(Kind.UDH8, bytes, "esm_class says UDH but the header is longer than the message");
        }
        int headerEnd = 1 + (bytes[0] & 0xFF);
        byte[] content = java.util.Arrays.copyOfRange(bytes, headerEnd, bytes.length);
        for (int i = 1; i + 1 < headerEnd; i += 2 + (bytes[i + 1] & 0xFF)) {
            int iei = bytes[i] & 0xFF;
            int length = bytes[i + 1] & 0xFF;
            if (i + 2 + length > headerEnd) {
                return malformed(Kind.UDH8, content, "an information element runs past the header");
            }
            if (iei == 0x00 && length == 3) {
                return checked(Kind.UDH8, bytes[i + 2] & 0xFF, bytes[i + 3] & 0xFF, bytes[i + 4] & 0xFF, content);
            }
            if (iei == 0x08 && length == 4) {
                return checked(Kind.UDH16, ((bytes[i + 2] & 0xFF) << 8) | (bytes[i + 3] & 0xFF),
                        bytes[i + 4] & 0xFF, bytes[i + 5] & 0xFF, content);
            }
        }
        // A header without concatenation (port addressing...): a whole message.
        return new ConcatenatedPart(null, 0, 1, 1, content, null);
    }

    private static ConcatenatedPart checked(Kind kind, int reference, int total, int seq, byte[] content) {
        if (total == 0 || seq == 0 || seq > total) {
            return new ConcatenatedPart(kind, reference, total, seq, content,
                    "part " + seq + " of " + total + " is not a part number");
        }
        return new ConcatenatedPart(kind, reference, total, seq, content, null);
    }

    private static ConcatenatedPart malformed(Kind kind, byte[] content, String why) {
        return new ConcatenatedPart(kind, 0, 0, 0, content, why);
    }
}
