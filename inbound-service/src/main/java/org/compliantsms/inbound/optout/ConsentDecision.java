package org.compliantsms.inbound.optout;

import org.compliantsms.events.ConsentChanged;
import org.compliantsms.events.PhoneNumbers;
import org.compliantsms.events.SuppressionState;
import org.compliantsms.suppression.SuppressionIndex;

/** A consent change decided for one reply, and what making it effective writes. */
public record ConsentDecision(ConsentChanged change, ConsentTarget target) {

    public String scope() {
        return target.scope();
    }

    public boolean suppresses() {
        return target.suppresses();
    }

    /**
     * A keyword that changed something earns its one confirmation (an opt-out's, or a resubscription's, which may be
     * screened before the index forgets the opt-out); a repeated STOP or START does not.
     */
    public boolean grantsConfirmation() {
        return !change.alreadyInEffect();
    }

    /** What the index holds for this scope once the change is written. */
    public SuppressionState state() {
        return new SuppressionState(scope(), change.recipient(), suppresses(), change.action(), change.source(),
                change.eventId(), change.occurredAt());
    }

    public SuppressionIndex.Entry entry() {
        return new SuppressionIndex.Entry(suppresses(), change.occurredAt(), change.eventId());
    }

    /** For the log: the number masked. */
    public String summary() {
        return change.action() + " of " + PhoneNumbers.mask(change.recipient()) + " in " + scope() + " from keyword "
                + change.keyword() + (change.alreadyInEffect() ? " (already in effect)" : "");
    }
}
