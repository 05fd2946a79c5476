package org.compliantsms.campaign;

/**
 * The Reactive Messaging channel of the request emitter (its topic is bound in application.properties) and the
 * names of the batch consumers (kafka-batch, configured under {@code batch.consumers.<name>}).
 */
public final class Channels {
    /** sms.message-requested.v1, produced */
    public static final String REQUESTS = "requests";
    /** Batch consumer of sms.message-status.v1, for progress */
    public static final String STATUSES = "statuses";
    /** Batch consumer of sms.message-rejected.v1, for progress */
    public static final String REJECTIONS = "rejections";
    /** Batch consumer of sms.message-approved.v1, for the report (approved, deferred) */
    public static final String APPROVALS = "approvals";
    /** Batch consumers joining approvals, statuses and rejections into sms.message-outcomes.v1, for analytics */
    public static final String OUTCOME_APPROVALS = "outcome-approvals";
    public static final String OUTCOME_STATUSES = "outcome-statuses";
    public static final String OUTCOME_REJECTIONS = "outcome-rejections";

    /** Batch consumer of sms.consent-changed.v1: opt-outs that followed a campaign, for its report */
    public static final String OPT_OUTS = "opt-outs";

    public static final String SOURCE = "campaign-service";

    private Channels() {
    }
}
