package org.compliantsms.campaign;

/** Reactive Messaging channel names of this service (topics are bound in application.properties). */
public final class Channels {
    /** sms.message-requested.v1, produced */
    public static final String REQUESTS = "requests";
    /** sms.message-status.v1, consumed for progress */
    public static final String STATUSES = "statuses";
    /** sms.message-rejected.v1, consumed for progress */
    public static final String REJECTIONS = "rejections";

    public static final String SOURCE = "campaign-service";

    private Channels() {
    }
}
