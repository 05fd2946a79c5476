package org.compliantsms.campaign.campaigns;

import org.compliantsms.events.DeliveryStatus;

/** Where one campaign message stands; it only moves forward (REQUESTED, then SUBMITTED, then a final outcome). */
public enum MessageOutcome {
    REQUESTED(0),
    SUBMITTED(1),
    /** The submit may or may not have reached the carrier (no answer); never resubmitted, a receipt may settle it. */
    UNCONFIRMED(1),
    DELIVERED(2),
    FAILED(2),
    EXPIRED(2),
    UNDELIVERABLE(2),
    REJECTED(2),
    UNKNOWN(2);

    private final int rank;

    MessageOutcome(int rank) {
        this.rank = rank;
    }

    public boolean isAfter(MessageOutcome other) {
        return rank > other.rank;
    }

    public static MessageOutcome of(DeliveryStatus status) {
        return valueOf(status.name());
    }
}
