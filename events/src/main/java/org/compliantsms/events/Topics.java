package org.compliantsms.events;

import java.util.List;

/**
 * Kafka topic names: a public contract. Every record is keyed by the recipient in E.164
 * ({@code scope:E.164} on {@link #SUPPRESSION}, the raw sender on {@link #INBOUND_UNATTRIBUTED}, a pseudonym on
 * {@link #MESSAGE_OUTCOMES}, the programId on {@link #PROGRAMS}); the topic list with partitions and policies is
 * {@code deploy/local/topics.conf}.
 */
public final class Topics {
    public static final String MESSAGE_REQUESTED = "sms.message-requested.v1";
    public static final String MESSAGE_APPROVED = "sms.message-approved.v1";
    public static final String MESSAGE_REJECTED = "sms.message-rejected.v1";
    public static final String MESSAGE_STATUS = "sms.message-status.v1";
    public static final String INBOUND_RECEIVED = "sms.inbound-received.v1";
    /** Replies whose sender is no attributable number, kept for review; keyed by the raw sender. */
    public static final String INBOUND_UNATTRIBUTED = "sms.inbound-unattributed.v1";
    public static final String CONSENT_CHANGED = "sms.consent-changed.v1";
    public static final String SUPPRESSION = "sms.suppression.v1";
    /** Pseudonymised outcomes for analytics: no phone number; keyed by the recipient's pseudonym. */
    public static final String MESSAGE_OUTCOMES = "sms.message-outcomes.v1";
    /** Program definitions (compacted), keyed by programId; owned by campaign-service. */
    public static final String PROGRAMS = "sms.programs.v1";

    /** Suffix of the dead-letter topic of each input topic: poison records with the error in headers. */
    public static final String DLQ_SUFFIX = ".dlq";

    public static final String MESSAGE_REQUESTED_DLQ = MESSAGE_REQUESTED + DLQ_SUFFIX;
    public static final String MESSAGE_APPROVED_DLQ = MESSAGE_APPROVED + DLQ_SUFFIX;
    public static final String MESSAGE_REJECTED_DLQ = MESSAGE_REJECTED + DLQ_SUFFIX;
    public static final String MESSAGE_STATUS_DLQ = MESSAGE_STATUS + DLQ_SUFFIX;
    public static final String INBOUND_RECEIVED_DLQ = INBOUND_RECEIVED + DLQ_SUFFIX;
    public static final String INBOUND_UNATTRIBUTED_DLQ = INBOUND_UNATTRIBUTED + DLQ_SUFFIX;
    public static final String CONSENT_CHANGED_DLQ = CONSENT_CHANGED + DLQ_SUFFIX;
    public static final String SUPPRESSION_DLQ = SUPPRESSION + DLQ_SUFFIX;
    public static final String MESSAGE_OUTCOMES_DLQ = MESSAGE_OUTCOMES + DLQ_SUFFIX;
    public static final String PROGRAMS_DLQ = PROGRAMS + DLQ_SUFFIX;

    public static final List<String> EVENT_TOPICS = List.of(MESSAGE_REQUESTED, MESSAGE_APPROVED, MESSAGE_REJECTED,
            MESSAGE_STATUS, INBOUND_RECEIVED, INBOUND_UNATTRIBUTED, CONSENT_CHANGED, SUPPRESSION, MESSAGE_OUTCOMES,
            PROGRAMS);

    private Topics() {
    }
}
