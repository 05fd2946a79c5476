package org.compliantsms.compliance.rules;

import java.time.Instant;

import org.compliantsms.events.RejectionReason;

/**
 * One compliance rule: a pure, in-memory check (no I/O), so that a batch is decided before and after its single
 * Redis round trip. A rule that needs stored state (consent) reads it in that round trip and belongs after it.
 */
public interface Rule {
    /** Named in every rejection or deferral it causes, e.g. {@code number.landline}. */
    String name();

    /**
     * @param sendAt when the message would leave: now, or its {@code notBefore} when that is later
     */
    Decision check(Screened message, Instant sendAt);

    default Decision.Reject reject(RejectionReason reason, String detail) {
        return new Decision.Reject(name(), reason, detail);
    }
}
