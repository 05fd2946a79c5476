package org.compliantsms.deferral;

import java.time.Instant;

import org.compliantsms.batch.Output;

/**
 * A record to produce again at {@code dueAt}.
 *
 * @param id unique per waiting record (e.g. the messageId): deferring the same id twice keeps the first
 */
public record Deferred(String id, Instant dueAt, Output record) {
}
