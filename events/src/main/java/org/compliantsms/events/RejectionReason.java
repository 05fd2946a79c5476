package org.compliantsms.events;

/** Why a requested message will never be sent. */
public enum RejectionReason {
    /** The recipient opted out of the program (or of everything). */
    OPTED_OUT,
    /** MARKETING without the consent record the recipient's jurisdiction demands. */
    NO_CONSENT,
    /** Not a valid, SMS-capable number in E.164. */
    INVALID_NUMBER,
    /** A fixed line in a country where fixed lines cannot receive SMS. */
    LANDLINE,
    /** The number is in a blocked range: a configured prefix (satellite, international premium) or premium rate. */
    BLOCKED_PREFIX,
    /** Sending to that country is not allowed for the program. */
    COUNTRY_BLOCKED,
    /** {@code validUntil} passed, or comes before the recipient's quiet hours end. */
    EXPIRED,
    /** The same messageId was already handled with different content. */
    DUPLICATE,
    /** Dispatch's last check found the recipient suppressed after compliance had approved the message. */
    BLOCKED_AT_DISPATCH,
    /** No carrier route for the destination. */
    NO_ROUTE
}
