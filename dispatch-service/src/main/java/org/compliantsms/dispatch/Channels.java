package org.compliantsms.dispatch;

/** The consumers of this service (configured under batch.consumers.<name>) and the source of what it produces. */
public final class Channels {
    /** Consumes sms.message-approved.v1; produces sms.message-status.v1 and sms.message-rejected.v1. */
    public static final String APPROVED = "approved";

    /** The CloudEvents source of everything this service produces. */
    public static final String SOURCE = "dispatch-service";

    private Channels() {
    }
}
