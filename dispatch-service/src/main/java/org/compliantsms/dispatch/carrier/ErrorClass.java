package org.compliantsms.dispatch.carrier;

/** What a carrier's refusal means for the message. */
public enum ErrorClass {
    /** The same submit may succeed later (throttled, queue full, system error): retried with a backoff, bounded. */
    TRANSIENT,
    /** It never will (invalid destination, bad parameters): the message ends FAILED with the code at once. */
    PERMANENT,
    /** A status the table does not know: retried a few times, then FAILED like a permanent one. */
    UNKNOWN
}
