package org.compliantsms.testing;

import java.time.Instant;
import java.util.UUID;

import org.compliantsms.events.Category;
import org.compliantsms.events.ConsentAction;
import org.compliantsms.events.ConsentChanged;
import org.compliantsms.events.ConsentSource;
import org.compliantsms.events.MessageRequested;

/** Events as a producing team would write them, each with a fresh id. */
public final class TestEvents {
    private TestEvents() {
    }

    public static MessageRequested request(String recipient, String programId, Category category, String body) {
        return new MessageRequested("test-" + UUID.randomUUID(), programId, null, category, recipient, body, "ACME",
                null, null, null, Instant.now());
    }

    public static MessageRequested marketing(String recipient, String programId) {
        return request(recipient, programId, Category.MARKETING, "Winter sale: 20% off until Sunday.");
    }

    public static ConsentChanged consent(ConsentAction action, String recipient, String programId, Instant at) {
        return new ConsentChanged("test-" + UUID.randomUUID(), action, recipient,
                action == ConsentAction.OPT_OUT_ALL ? null : programId, ConsentSource.KEYWORD,
                action == ConsentAction.OPT_IN ? "START" : "STOP", "en", "test", "ACME", false, at);
    }
}
