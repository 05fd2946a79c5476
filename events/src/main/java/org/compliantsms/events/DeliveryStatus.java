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
    /** The carrier's receipt says the validity period ran out before the handset took it. */
    EXPIRED,
    /** The carrier's receipt says it cannot be delivered (stat UNDELIV); {@code error} holds the carrier's code. */
    UNDELIVERABLE,
    /** The carrier's receipt says it refused or deleted the message after accepting it (stat REJECTD, DELETED). */
    REJECTED,
    /** The carrier's receipt gives no usable final state (stat UNKNOWN or a state we do not know). */
    UNKNOWN
}
