package org.compliantsms.dispatch;

/** Reactive Messaging channel names of this service (topics are bound in application.properties). */
public final class Channels {
    /** sms.message-approved.v1 */
    public static final String APPROVED = "approved";
    /** sms.message-status.v1 */
    public static final String STATUS = "status";
    /** sms.message-rejected.v1 (BLOCKED_AT_DISPATCH) */
    public static final String REJECTED = "rejected";
    /** sms.inbound-received.v1: replies read from SMPP sessions */
    public static final String INBOUND = "inbound";
    /** sms.inbound-received.v1.dlq: replies that cannot be events (sender not a valid number) */
    public static final String INBOUND_DEAD_LETTERS = "inbound-dead-letters";

    public static final String SOURCE = "dispatch-service";

    private Channels() {
    }
}
