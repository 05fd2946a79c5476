package org.compliantsms.compliance.honour;

import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One opt-out of the report.
 *
 * @param number full or masked, by the caller's role
 * @param secondsToEffect received (or requested, when earlier) to effective; null while not effective
 * @param overdue effective after the deadline, or not effective and the deadline passed
 */
@JsonPropertyOrder({ "eventId", "number", "country", "programId", "scope", "source", "channel", "actor", "requestedAt",
        "receivedAt", "effectiveAt", "secondsToEffect", "deadline", "rule", "overdue" })
public record ReportLine(String eventId, String number, String country, String programId, String scope, String source,
        String channel, String actor, Instant requestedAt, Instant receivedAt, Instant effectiveAt, Double secondsToEffect,
        Instant deadline, String rule, boolean overdue) {

    static ReportLine of(OptOutRecord record, HonourDeadline deadline, String number, Instant now) {
        Instant due = deadline.deadline(record.clockStart());
        boolean overdue = record.effectiveAt() == null ? now.isAfter(due) : record.effectiveAt().isAfter(due);
        Double took = record.effectiveAt() == null ? null
                : Duration.between(record.clockStart(), record.effectiveAt()).toMillis() / 1000.0;
        return new ReportLine(record.eventId(), number, record.country(), record.programId(), record.scope(),
                record.source(), record.channel(), record.actor(), record.requestedAt(), record.receivedAt(),
                record.effectiveAt(), took, due, deadline.rule(), overdue);
    }
}
