package org.compliantsms.compliance.rules;

import java.time.Instant;

import org.compliantsms.events.RejectionReason;

/** What one rule says about a message. Every decision but {@link #APPROVE} names the rule that took it. */
public sealed interface Decision {
    /** Nothing against it. */
    Decision APPROVE = new Approve();

    record Approve() implements Decision {
    }

    /** Never to be sent. */
    record Reject(String rule, RejectionReason reason, String detail) implements Decision {
    }

    /** Not now: screened again, whole, at {@code until}. */
    record Defer(String rule, Instant until, String detail) implements Decision {
    }
}
