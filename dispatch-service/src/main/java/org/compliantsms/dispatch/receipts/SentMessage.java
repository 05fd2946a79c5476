package org.compliantsms.dispatch.receipts;

import static java.nio.charset.StandardCharsets.UTF_8;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.compliantsms.events.MessageApproved;

/**
 * What a receipt's status event needs of the message it is about, kept with its carrier ids.
 *
 * @param traceparent the approval's W3C trace context, so that the receipt's status joins the message's trace;
 *        null when the approval carried none
 */
public record SentMessage(String messageId, String recipient, String programId, String campaignId,
        String traceparent) {
    private static final char SEPARATOR = '\u001f';

    public static SentMessage of(MessageApproved message, ConsumerRecord<String, byte[]> approval) {
        Header trace = approval.headers().lastHeader("traceparent");
        return new SentMessage(message.messageId(), message.recipient(), message.request().programId(),
                message.request().campaignId(), trace == null ? null : new String(trace.value(), UTF_8));
    }

    /** One Redis value: the fields separated by the unit separator (no JSON on the hot path). */
    String encode() {
        return messageId + SEPARATOR + recipient + SEPARATOR + programId + SEPARATOR
                + (campaignId == null ? "" : campaignId) + SEPARATOR + (traceparent == null ? "" : traceparent);
    }

    /** Values written before the trace context was kept have four fields. */
    static SentMessage decode(String value) {
        String[] parts = value.split(String.valueOf(SEPARATOR), -1);
        if (parts.length != 4 && parts.length != 5) {
            throw new IllegalStateException("a sent-message index value of " + parts.length + " fields");
        }
        return new SentMessage(parts[0], parts[1], parts[2], parts[3].isEmpty() ? null : parts[3],
                parts.length == 5 && !parts[4].isEmpty() ? parts[4] : null);
    }
}
