package org.compliantsms.compliance.consent;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.compliantsms.events.ConsentAction;
import org.compliantsms.events.ConsentChanged;
import org.compliantsms.events.ConsentSource;

/** Consent recorded for a test's own numbers, in the real ledger and index (as the API records it). */
public final class TestConsents {
    private TestConsents() {
    }

    /** A web-form grant of {@code recipient} for {@code programId}, in effect when this returns; its record id. */
    public static String grant(ConsentRecorder recorder, String recipient, String programId) {
        ConsentChanged grant = new ConsentChanged("test-consent-" + UUID.randomUUID(), ConsentAction.CONSENT_GRANTED,
                recipient, programId, ConsentSource.WEB_FORM, null, null, "test setup", null, false, Instant.now(),
                Instant.now(), "Yes, send me ACME offers by SMS", "203.0.113.7", "web", "test", null, null);
        recorder.record(List.of(ConsentRecord.of(grant, "test")));
        return grant.eventId();
    }
}
