package org.compliantsms.inbound;

/** Reactive Messaging channel names of this service (topics are bound in application.properties). */
public final class Channels {
    /** sms.inbound-received.v1, produced: replies that came through the webhook, classified */
    public static final String INBOUND_OUT = "inbound-out";
    /** sms.inbound-received.v1, consumed: replies dispatch read from SMPP sessions, to classify */
    public static final String SMPP_REPLIES = "smpp-replies";
    /** sms.consent-changed.v1, produced */
    public static final String CONSENT_OUT = "consent-out";
    /** sms.consent-changed.v1, consumed by the confirmation consumer group */
    public static final String CONSENT_FOR_CONFIRMATIONS = "consent-for-confirmations";
    /** sms.message-requested.v1, produced: confirmations */
    public static final String REQUESTS = "requests";

    public static final String SOURCE = "inbound-service";

    private Channels() {
    }
}
