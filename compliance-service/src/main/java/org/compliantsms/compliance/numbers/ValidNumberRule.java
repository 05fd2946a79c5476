package org.compliantsms.compliance.numbers;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.compliance.rules.Decision;
import org.compliantsms.compliance.rules.Rule;
import org.compliantsms.compliance.rules.Screened;
import org.compliantsms.events.RejectionReason;

/** The recipient must be a valid number in canonical E.164. */
@ApplicationScoped
public class ValidNumberRule implements Rule {
    @Override
    public String name() {
        return "number.valid";
    }

    @Override
    public Decision check(Screened message, Instant sendAt) {
        return message.number() == null ? reject(RejectionReason.INVALID_NUMBER, message.invalidReason())
                : Decision.APPROVE;
    }
}
