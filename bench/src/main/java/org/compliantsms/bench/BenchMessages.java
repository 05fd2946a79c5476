package org.compliantsms.bench;

import java.time.Instant;
import java.util.List;

import org.compliantsms.events.Category;
import org.compliantsms.events.MessageRequested;

/** The run's MessageRequested events: ids {@code bench-<runId>-<index>}, bodies and recipients from the plan. */
public final class BenchMessages {
    private final String idPrefix;
    private final LoadPlan plan;
    private final List<String> recipients;
    private final String programId;
    private final String senderId;
    private final Instant validUntil;
    private final Category category;

    /**
     * @param validUntil set to the end of the bench: what a run cut short leaves queued is rejected EXPIRED by
     *            compliance instead of reaching the carrier after the bench has gone
     */
    public BenchMessages(String runId, LoadPlan plan, List<String> recipients, String programId, String senderId,
            Instant validUntil, Category category) {
        this.idPrefix = "bench-" + runId + "-";
        this.plan = plan;
        this.recipients = recipients;
        this.programId = programId;
        this.senderId = senderId;
        this.validUntil = validUntil;
        this.category = category;
    }

    public int size() {
        return plan.size();
    }

    public String messageId(int index) {
        return idPrefix + index;
    }

    /** The index of one of this run's message ids, or -1 for anything else (other runs, tests, confirmations). */
    public int indexOf(String messageId) {
        if (messageId == null || !messageId.startsWith(idPrefix)) {
            return -1;
        }
        try {
            int index = Integer.parseInt(messageId.substring(idPrefix.length()));
            return index >= 0 && index < plan.size() ? index : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public String idPrefix() {
        return idPrefix;
    }

    public String recipientOf(int index) {
        return recipients.get(plan.recipientOf(index));
    }

    public MessageRequested request(int index, Instant requestedAt) {
        String messageId = messageId(index);
        return new MessageRequested(messageId, programId, null, category, recipientOf(index),
                Bodies.of(index, messageId), senderId, null, null, validUntil, requestedAt);
    }
}
