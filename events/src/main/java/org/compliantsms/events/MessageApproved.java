package org.compliantsms.events;

import java.time.Instant;

/**
 * Compliance allowed the request, on {@link Topics#MESSAGE_APPROVED}: dispatch sends {@code body} (the final
 * text, opt-out footer included) at or after {@code sendAfter}.
 */
public record MessageApproved(
        MessageRequested request,
        String body,
        Encoding encoding,
        int segments,
        boolean footerAdded,
        Instant sendAfter,
        Instant approvedAt) implements SmsEvent {

    public String messageId() {
        return request.messageId();
    }

    public String recipient() {
        return request.recipient();
    }

    @Override
    public String partitionKey() {
        return request.recipient();
    }

    @Override
    public String eventId() {
        return "approved:" + request.messageId();
    }

    @Override
    public Instant eventTime() {
        return approvedAt;
    }
}
