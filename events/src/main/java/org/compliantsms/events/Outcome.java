package org.compliantsms.events;

/**
 * Where a message ended, as analysts see it on {@link Topics#MESSAGE_OUTCOMES}: REJECTED (never sent, with the
 * reason; or, with a carrier and no reason, rejected by the carrier's receipt after it accepted the message) or the
 * carrier's latest word on it (the {@link DeliveryStatus} of the same name). Open: readers must
 * accept values added later.
 */
public enum Outcome {
    REJECTED(2),
    SUBMITTED(1),
    UNCONFIRMED(1),
    DELIVERED(2),
    FAILED(2),
    EXPIRED(2),
    UNDELIVERABLE(2),
    /** The carrier's receipt said UNKNOWN (or a state no standard defines): it will say nothing more. */
    UNKNOWN(2);

    private final int rank;

    Outcome(int rank) {
        this.rank = rank;
    }

    /** True once nothing more is expected about the message (a rejection, a delivery, a failure...). */
    public boolean isFinal() {
        return rank == 2;
    }

    /** Outcomes only move forward: SUBMITTED and UNCONFIRMED (rank 1), then a final one (rank 2). */
    public int rank() {
        return rank;
    }

    /** @throws IllegalArgumentException for a status of a newer contract than this one */
    public static Outcome of(DeliveryStatus status) {
        return valueOf(status.name());
    }
}
