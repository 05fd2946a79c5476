package org.compliantsms.events;

import java.time.Instant;

/** The carrier's answer to a submission or a delivery receipt, on {@link Topics#MESSAGE_STATUS}. */
public record MessageStatus(
        String messageId,
        String programId,
        String campaignId,
        String recipient,
        DeliveryStatus status,
        String carrier,
        String carrierMessageId,
        String error,
        Instant occurredAt) implements SmsEvent {

    @Override
    public String partitionKey() {
        return recipient;
    }

    @Override
    public String eventId() {
        return "status:" + messageId + ":" + status;
    }

    @Override
    public Instant eventTime() {
        return occurredAt;
    }
}
