package org.compliantsms.events;

import java.time.Instant;

/**
 * A mobile-originated message (a reply), on {@link Topics#INBOUND_RECEIVED}. {@code from} is the recipient of
 * our messages, in E.164; {@code to} is our sender id or number that received it.
 *
 * @param classification set by inbound for webhook replies; null on replies dispatch read from SMPP sessions,
 *            which inbound classifies when it consumes them
 */
public record InboundReceived(
        String inboundId,
        String from,
        String to,
        String text,
        String carrier,
        Instant receivedAt,
        Classification classification) implements SmsEvent {

    @Override
    public String partitionKey() {
        return from;
    }

    @Override
    public String eventId() {
        return "inbound:" + inboundId;
    }

    @Override
    public Instant eventTime() {
        return receivedAt;
    }
}
