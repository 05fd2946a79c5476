package org.compliantsms.console.campaigns;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A campaign as campaign-service's GET /campaigns/{id} answers it. */
public record Campaign(String id, String programId, String category, String senderId, String body, String state,
        int recipients, Map<String, Long> outcomes, Map<String, Long> rejections, Instant createdAt,
        Instant requestedAt) {

    /** The outcomes in the order a message goes through them. */
    static final List<String> OUTCOMES = List.of("REQUESTED", "SUBMITTED", "UNCONFIRMED", "DELIVERED", "FAILED",
            "EXPIRED", "UNDELIVERABLE", "REJECTED");

    public record Count(String name, long count) {
    }

    public List<Count> outcomeCounts() {
        Map<String, Long> known = outcomes == null ? Map.of() : outcomes;
        List<Count> ordered = new java.util.ArrayList<>(OUTCOMES.stream()
                .map(name -> new Count(name, known.getOrDefault(name, 0L))).toList());
        known.forEach((name, count) -> {
            if (!OUTCOMES.contains(name)) {
                ordered.add(new Count(name, count));
            }
        });
        return ordered;
    }

    public List<Count> rejectionCounts() {
        return rejections == null ? List.of()
                : rejections.entrySet().stream().filter(e -> e.getValue() > 0).sorted(Map.Entry.comparingByKey())
                        .map(e -> new Count(e.getKey(), e.getValue())).toList();
    }

    /** The text's start, to name the campaign in a list. */
    public String summary() {
        String text = body == null ? "" : body;
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    public long count(String outcome) {
        return outcomes == null ? 0 : outcomes.getOrDefault(outcome, 0L);
    }

    /** Messages past REQUESTED: decided by compliance, and further. */
    public long decided() {
        return outcomes == null ? 0
                : outcomes.entrySet().stream().filter(e -> !"REQUESTED".equals(e.getKey()))
                        .mapToLong(Map.Entry::getValue).sum();
    }
}
