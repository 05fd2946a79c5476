package org.compliantsms.console.campaigns;

import java.time.Instant;
import java.util.Map;

/** A campaign as campaign-service's GET /campaigns/{id} answers it. */
public record Campaign(String id, String programId, String category, String senderId, String body, String state,
        int recipients, Map<String, Long> outcomes, Map<String, Long> rejections, Instant createdAt,
        Instant requestedAt, Instant sendAt, Integer ratePerSecond) {

    /** The text's start, to name the campaign in a list. */
    public String summary() {
        String text = body == null ? "" : body;
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    public long count(String outcome) {
        return outcomes == null ? 0 : outcomes.getOrDefault(outcome, 0L);
    }

    public boolean isDraft() {
        return "DRAFT".equals(state);
    }

    public boolean isPausable() {
        return "SCHEDULED".equals(state) || "EMITTING".equals(state);
    }

    public boolean isResumable() {
        return "PAUSED".equals(state);
    }

    public boolean isCancellable() {
        return "SCHEDULED".equals(state) || "EMITTING".equals(state) || "PAUSED".equals(state);
    }
}
