package org.compliantsms.events;

import java.time.Instant;

/**
 * Compliance allowed the request, on {@link Topics#MESSAGE_APPROVED}: dispatch sends {@code body} (the final
 * text, opt-out footer included) at or after {@code sendAfter}.
 *
 * @param changes what compliance changed in the requested body and what it cost, or null when the body is sent as
 *            requested
 * @param consentId for MARKETING that needed consent, the consent record (ledger id) that allowed it; else null
 */
public record MessageApproved(
        MessageRequested request,
        String body,
        Encoding encoding,
        int segments,
        boolean footerAdded,
        Instant sendAfter,
        Instant approvedAt,
        BodyChanges changes,
        String consentId) implements SmsEvent {

    /** An approval that names no consent record. */
    public MessageApproved(MessageRequested request, String body, Encoding encoding, int segments,
            boolean footerAdded, Instant sendAfter, Instant approvedAt, BodyChanges changes) {
        this(request, body, encoding, segments, footerAdded, sendAfter, approvedAt, changes, null);
    }

    /** An approval that sends the body as requested. */
    public MessageApproved(MessageRequested request, String body, Encoding encoding, int segments,
            boolean footerAdded, Instant sendAfter, Instant approvedAt) {
        this(request, body, encoding, segments, footerAdded, sendAfter, approvedAt, null, null);
    }

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
