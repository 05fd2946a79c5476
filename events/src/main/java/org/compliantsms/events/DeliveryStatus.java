package org.compliantsms.events;

/** Where a message stands with the carrier. SUBMITTED is the first status; the others come from receipts. */
public enum DeliveryStatus {
    SUBMITTED,
    /**
     * The submit may have reached the carrier but its answer never came (a response timeout, a crash mid-window):
     * it is never submitted again automatically; support reconciles it with the carrier's receipts.
     */
    UNCONFIRMED,
    DELIVERED,
    FAILED,
    EXPIRED,
    UNDELIVERABLE
}
