package org.compliantsms.compliance.honour;

import java.time.Instant;
import java.util.List;

import org.compliantsms.events.ConsentChanged;
import org.compliantsms.events.SuppressionScope;

/** Opt-out records of consent changes read from sms.consent-changed.v1 (any source). */
public final class HonourRecords {
    private HonourRecords() {
    }

    /** Received at the change's time (the platform's receipt, server time), effective at {@code effective}. */
    public static List<OptOutRecord> effectiveBy(List<ConsentChanged> optOuts, Instant effective) {
        return optOuts.stream()
                .map(change -> new OptOutRecord(change.eventId(), change.recipient(),
                        HonourDeadlines.countryOf(change.recipient()).orElse(null), change.programId(),
                        SuppressionScope.of(change.action(), change.programId()), change.source().name(),
                        change.source().name(), null, null, change.occurredAt(),
                        effective.isBefore(change.occurredAt()) ? change.occurredAt() : effective))
                .toList();
    }
}
