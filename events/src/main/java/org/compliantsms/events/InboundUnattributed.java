package org.compliantsms.events;

import java.time.Instant;

/**
 * A reply that could not be attributed to a phone number (an alphanumeric or abbreviated sender, a national number
 * without a known country, a malformed address), on {@link Topics#INBOUND_UNATTRIBUTED}. It is kept for review,
 * never only dead-lettered: if it is an opt-out, someone must act on it by hand.
 *
 * @param rawFrom the sender exactly as the carrier gave it
 * @param fromTon SMPP type of number of the sender (0 unknown, 1 international, 2 national, 5 alphanumeric...);
 *            null for webhook replies
 * @param fromNpi SMPP numbering plan of the sender; null for webhook replies
 * @param reason why no number could be derived from it
 */
public record InboundUnattributed(
        String inboundId,
        String rawFrom,
        Integer fromTon,
        Integer fromNpi,
        String to,
        String text,
        String carrier,
        Instant receivedAt,
        String reason) implements SmsEvent {

    @Override
    public String partitionKey() {
        return rawFrom;
    }

    @Override
    public String eventId() {
        return "unattributed:" + inboundId;
    }

    @Override
    public Instant eventTime() {
        return receivedAt;
    }
}
