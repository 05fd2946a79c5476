package org.compliantsms.dispatch.receipts;

import org.compliantsms.events.MessageApproved;

/** What a receipt's status event needs of the message it is about, kept with its carrier ids. */
public record SentMessage(String messageId, String recipient, String programId, String campaignId) {
    private static final char SEPARATOR = '\u001f';

    public static SentMessage of(MessageApproved message) {
        return new SentMessage(message.messageId(), message.recipient(), message.request().programId(),
                message.request().campaignId());
    }

    /** One Redis value: the fields separated by the unit separator (no JSON on the hot path). */
    String encode() {
        return messageId + SEPARATOR + recipient + SEPARATOR + programId + SEPARATOR
                + (campaignId == null ? "" : campaignId);
    }

    static SentMessage decode(String value) {
        String[] parts = value.split(String.valueOf(SEPARATOR), -1);
        if (parts.length != 4) {
            throw new IllegalStateException("a sent-message index value of " + parts.length + " fields");
        }
        return new SentMessage(parts[0], parts[1], parts[2], parts[3].isEmpty() ? null : parts[3]);
    }
}
