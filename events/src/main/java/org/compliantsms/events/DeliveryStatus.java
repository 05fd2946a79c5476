package org.compliantsms.events;

/** Where a message stands with the carrier. SUBMITTED is the first status; the others come from receipts. */
public enum DeliveryStatus {
    SUBMITTED,
    DELIVERED,
    FAILED,
    EXPIRED,
    UNDELIVERABLE
}
