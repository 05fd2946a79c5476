package org.compliantsms.dispatch.carrier;

/**
 * One refusal by a carrier, as {@link CarrierErrors} classed it.
 *
 * @param code {@code smpp:0x0000000B} (SMPP command_status) or {@code http:429} (HTTP status); it starts every
 *        error text on the message-status topic, so analysts can group by it
 * @param name the SMPP 3.4 name ({@code ESME_RINVDSTADR}) or HTTP reason phrase, empty when the table has none
 * @param description what it means, in words
 */
public record CarrierError(String code, String name, String description, ErrorClass errorClass) {

    /** e.g. {@code smpp:0x0000000B ESME_RINVDSTADR invalid destination address}. */
    public String text() {
        StringBuilder text = new StringBuilder(code);
        if (!name.isEmpty()) {
            text.append(' ').append(name);
        }
        if (!description.isEmpty()) {
            text.append(' ').append(description);
        }
        return text.toString();
    }

    /** A submit dispatch itself could not build: it would fail the same way every time. */
    public static CarrierError local(String description) {
        return new CarrierError("dispatch:submit", "", description, ErrorClass.PERMANENT);
    }
}
