package org.compliantsms.compliance.rules;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.events.RejectionReason;

/** A request whose {@code validUntil} has passed is rejected EXPIRED. */
@ApplicationScoped
public class ValidUntilRule implements Rule {
    @Override
    public String name() {
        return "request.valid-until";
    }

    @Override
    public Decision check(Screened message, Instant sendAt) {
        Instant validUntil = message.request().validUntil();
        if (validUntil != null && !sendAt.isBefore(validUntil)) {
            return reject(RejectionReason.EXPIRED, "validUntil has passed");
        }
        return Decision.APPROVE;
    }
}
