package org.compliantsms.compliance;

/** The consumers of this service (configured under batch.consumers.<name>) and the source of what it produces. */
public final class Channels {
    /** Consumes sms.message-requested.v1; produces sms.message-approved.v1 and sms.message-rejected.v1. */
    public static final String REQUESTS = "requests";
    /** Consumes sms.consent-changed.v1; produces sms.suppression.v1 (compacted). */
    public static final String CONSENT_CHANGES = "consent-changes";

    /** The CloudEvents source of everything this service produces. */
    public static final String SOURCE = "compliance-service";

    private Channels() {
    }
}
