package org.compliantsms.inbound;

/**
 * Reactive Messaging channels (the webhook's emitters; topics are bound in application.properties) and the names
 * of the batch consumers (kafka-batch, configured under {@code batch.consumers.<name>}).
 */
public final class Channels {
    /** sms.inbound-received.v1, produced: replies that came through the webhook, classified */
    public static final String INBOUND_OUT = "inbound-out";
    /** sms.inbound-unattributed.v1, produced: webhook replies whose sender is no attributable number */
    public static final String UNATTRIBUTED_OUT = "unattributed-out";
    /** sms.consent-changed.v1, produced by the webhook */
    public static final String CONSENT_OUT = "consent-out";
    /** Batch consumer of sms.inbound-received.v1: replies dispatch read from SMPP sessions, to classify */
    public static final String SMPP_REPLIES = "smpp-replies";
    /** Batch consumer of sms.inbound-unattributed.v1: replies without an attributable number, kept for review */
    public static final String UNATTRIBUTED = "unattributed";
    /** Batch consumer of sms.consent-changed.v1 that requests the confirmations */
    public static final String CONFIRMATIONS = "confirmations";

    public static final String SOURCE = "inbound-service";

    private Channels() {
    }
}
