package org.compliantsms.campaign.campaigns;

/** Where a campaign's emission stands. */
public enum CampaignState {
    /** Stored without recipients: its audience is uploaded (CSV), then it is sent. */
    DRAFT,
    /** Waiting for its time (sendAt) or for a replica to emit it. */
    SCHEDULED,
    /** A replica is requesting its messages. */
    EMITTING,
    /** Emission stopped until resumed; what was requested goes on to its outcomes. */
    PAUSED,
    /** Emission stopped for good; what was requested goes on to its outcomes. */
    CANCELLED,
    /** Every message was requested (acknowledged by Kafka). */
    REQUESTED
}
