package org.compliantsms.dispatch.carrier.segmentation;

/**
 * How a text longer than one SMS travels to a carrier ({@code dispatch.smpp.segmentation}): one submit_sm per part
 * with a user data header (UDH) in short_message and esm_class UDHI set, its concatenation reference 8 bits
 * (IEI 0x00) or 16 bits (IEI 0x08); one submit_sm per part with the SAR TLVs (the carrier builds the header); or the
 * whole text in one submit_sm's message_payload TLV (the carrier splits it).
 */
public enum Segmentation {
    UDH8(153, 67),
    /** Its header is one octet longer than UDH8's: one character less per part fits in 140 octets. */
    UDH16(152, 66),
    /** The carrier writes the header, with an 8-bit reference as most do: UDH8's room per part. */
    SAR(153, 67),
    PAYLOAD(Integer.MAX_VALUE, Integer.MAX_VALUE);

    /** One SMS without a header: 160 GSM-7 septets or 70 UCS-2 units. */
    static final int GSM7_SINGLE = 160;
    static final int UCS2_SINGLE = 70;
    /** The concatenation headers count parts in one octet. */
    public static final int MAX_PARTS = 255;

    private final int gsm7PerPart;
    private final int ucs2PerPart;

    Segmentation(int gsm7PerPart, int ucs2PerPart) {
        this.gsm7PerPart = gsm7PerPart;
        this.ucs2PerPart = ucs2PerPart;
    }

    /** True when a text takes as many parts as compliance counted segments (160/153, 70/67). */
    boolean countsAsCompliance() {
        return this == UDH8 || this == SAR;
    }

    /** Septets per part of a GSM-7 text longer than one SMS. */
    int gsm7PerPart() {
        return gsm7PerPart;
    }

    /** UTF-16 units per part of a UCS-2 text longer than one SMS. */
    int ucs2PerPart() {
        return ucs2PerPart;
    }
}
