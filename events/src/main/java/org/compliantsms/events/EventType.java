package org.compliantsms.events;

import java.util.Arrays;
import java.util.Optional;

/** Each event of the contract: its record, its topic, its JSON Schema and its CloudEvents type. */
public enum EventType {
    MESSAGE_REQUESTED(MessageRequested.class, Topics.MESSAGE_REQUESTED, "message-requested"),
    MESSAGE_APPROVED(MessageApproved.class, Topics.MESSAGE_APPROVED, "message-approved"),
    MESSAGE_REJECTED(MessageRejected.class, Topics.MESSAGE_REJECTED, "message-rejected"),
    MESSAGE_STATUS(MessageStatus.class, Topics.MESSAGE_STATUS, "message-status"),
    INBOUND_RECEIVED(InboundReceived.class, Topics.INBOUND_RECEIVED, "inbound-received"),
    INBOUND_UNATTRIBUTED(InboundUnattributed.class, Topics.INBOUND_UNATTRIBUTED, "inbound-unattributed"),
    CONSENT_CHANGED(ConsentChanged.class, Topics.CONSENT_CHANGED, "consent-changed"),
    SUPPRESSION_STATE(SuppressionState.class, Topics.SUPPRESSION, "suppression"),
    MESSAGE_OUTCOME(MessageOutcome.class, Topics.MESSAGE_OUTCOMES, "message-outcome"),
    PROGRAM(Program.class, Topics.PROGRAMS, "program");

    /** Prefix of every CloudEvents type; the full type is e.g. {@code org.compliantsms.message-requested.v1}. */
    public static final String CE_TYPE_PREFIX = "org.compliantsms.";

    private final Class<? extends SmsEvent> recordType;
    private final String topic;
    private final String name;

    EventType(Class<? extends SmsEvent> recordType, String topic, String name) {
        this.recordType = recordType;
        this.topic = topic;
        this.name = name;
    }

    public Class<? extends SmsEvent> recordType() {
        return recordType;
    }

    public String topic() {
        return topic;
    }

    public String ceType() {
        return CE_TYPE_PREFIX + name + ".v1";
    }

    /** File name of the JSON Schema, under {@code schemas/} on the classpath. */
    public String schemaFileName() {
        return name + ".v1.schema.json";
    }

    public static EventType of(Class<?> recordType) {
        return Arrays.stream(values()).filter(t -> t.recordType == recordType).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not an event of the contract: " + recordType));
    }

    /** The event type of a topic or of its dead-letter topic. */
    public static Optional<EventType> ofTopic(String topic) {
        String base = topic.endsWith(Topics.DLQ_SUFFIX) ? topic.substring(0, topic.length() - Topics.DLQ_SUFFIX.length())
                : topic;
        return Arrays.stream(values()).filter(t -> t.topic.equals(base)).findFirst();
    }
}
