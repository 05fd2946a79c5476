package org.compliantsms.events;

import java.time.Instant;

/**
 * A request to send one SMS to one recipient, on {@link Topics#MESSAGE_REQUESTED}. Produced by the campaign
 * service and by any internal team; {@code messageId} is the idempotency key of the whole pipeline.
 *
 * @param recipient E.164; a number that is not valid E.164 is rejected with reason INVALID_NUMBER
 * @param notBefore do not send before this instant (optional)
 * @param validUntil after this instant the message is rejected EXPIRED instead of sent (optional)
 */
public record MessageRequested(
        String messageId,
        String programId,
        String campaignId,
        Category category,
        String recipient,
        String body,
        String senderId,
        String locale,
        Instant notBefore,
        Instant validUntil,
        Instant requestedAt) implements SmsEvent {

    @Override
    public String partitionKey() {
        return recipient;
    }

    @Override
    public String eventId() {
        return messageId;
    }

    @Override
    public Instant eventTime() {
        return requestedAt;
    }
}
