package org.compliantsms.compliance;

/** Reactive Messaging channel names of this service (topics are bound in application.properties). */
public final class Channels {
    /** sms.message-requested.v1 */
    public static final String REQUESTS = "requests";
    /** sms.consent-changed.v1 */
    public static final String CONSENT_CHANGES = "consent-changes";
    /** sms.message-approved.v1 */
    public static final String APPROVED = "approved";
    /** sms.message-rejected.v1 */
    public static final String REJECTED = "rejected";
    /** sms.suppression.v1 (compacted) */
    public static final String SUPPRESSION = "suppression";

    /** The CloudEvents source of everything this service produces. */
    public static final String SOURCE = "compliance-service";

    private Channels() {
    }
}
