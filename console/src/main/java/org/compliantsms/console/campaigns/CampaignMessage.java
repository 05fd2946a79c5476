package org.compliantsms.console.campaigns;

/** One message of a campaign, as GET /campaigns/{id}/messages answers it. */
public record CampaignMessage(String messageId, String recipient, String outcome, String reason, String detail) {
}
