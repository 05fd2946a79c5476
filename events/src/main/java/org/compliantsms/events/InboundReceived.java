package org.compliantsms.events;

import java.time.Instant;

/**
 * A mobile-originated message (a reply), on {@link Topics#INBOUND_RECEIVED}. {@code from} is the recipient of
 * our messages, in E.164; {@code to} is our sender id or number that received it.
 *
 * @param receivedAt when the platform received it, by its own clock: this orders consent changes
 * @param classification set by inbound for webhook replies; null on replies dispatch read from SMPP sessions,
 *            which inbound classifies when it consumes them
 * @param reportedAt the time the carrier claimed for the reply, evidence only (a caller's clock orders nothing);
 *            null when none was given
 */
public record InboundReceived(
        String inboundId,
        String from,
        String to,
        String text,
        String carrier,
        Instant receivedAt,
        Classification classification,
        Instant reportedAt) implements SmsEvent {

    /** A reply without a carrier-reported time. */
    public InboundReceived(String inboundId, String from, String to, String text, String carrier, Instant receivedAt,
            Classification classification) {
        this(inboundId, from, to, text, carrier, receivedAt, classification, null);
    }

    public InboundReceived classified(Classification byInbound) {
        return new InboundReceived(inboundId, from, to, text, carrier, receivedAt, byInbound, reportedAt);
    }

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
