package org.compliantsms.events;

import java.time.Instant;

/** A terminal outcome: the message will never be sent, on {@link Topics#MESSAGE_REJECTED}. */
public record MessageRejected(
        String messageId,
        String programId,
        String campaignId,
        Category category,
        String recipient,
        RejectionReason reason,
        String detail,
        String rejectedBy,
        Instant rejectedAt) implements SmsEvent {

    public static MessageRejected of(MessageRequested request, RejectionReason reason, String detail,
            String rejectedBy, Instant at) {
        return new MessageRejected(request.messageId(), request.programId(), request.campaignId(),
                request.category(), request.recipient(), reason, detail, rejectedBy, at);
    }

    @Override
    public String partitionKey() {
        return recipient;
    }

    @Override
    public String eventId() {
        return "rejected:" + messageId;
    }

    @Override
    public Instant eventTime() {
        return rejectedAt;
    }
}
