package org.compliantsms.events;

import java.time.Instant;

/**
 * A terminal outcome: the message will never be sent, on {@link Topics#MESSAGE_REJECTED}.
 *
 * @param rule the rule that decided, e.g. {@code number.landline} or {@code marketing.quiet-hours} (null from
 *            producers that do not name one)
 */
public record MessageRejected(
        String messageId,
        String programId,
        String campaignId,
        Category category,
        String recipient,
        RejectionReason reason,
        String detail,
        String rejectedBy,
        Instant rejectedAt,
        String rule) implements SmsEvent {

    /** A rejection that names no rule. */
    public MessageRejected(String messageId, String programId, String campaignId, Category category,
            String recipient, RejectionReason reason, String detail, String rejectedBy, Instant rejectedAt) {
        this(messageId, programId, campaignId, category, recipient, reason, detail, rejectedBy, rejectedAt, null);
    }

    public static MessageRejected of(MessageRequested request, RejectionReason reason, String detail,
            String rejectedBy, Instant at) {
        return of(request, reason, detail, rejectedBy, at, null);
    }

    public static MessageRejected of(MessageRequested request, RejectionReason reason, String detail,
            String rejectedBy, Instant at, String rule) {
        return new MessageRejected(request.messageId(), request.programId(), request.campaignId(),
                request.category(), request.recipient(), reason, detail, rejectedBy, at, rule);
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
