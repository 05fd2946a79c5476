package org.compliantsms.campaign.campaigns;

public enum CampaignState {
    /** Stored; its messages are not all requested yet. */
    CREATED,
    /** Every message was requested (acknowledged by Kafka). */
    REQUESTED
}
