package org.compliantsms.console.campaigns;

import java.util.List;

/** One message of a campaign, as GET /campaigns/{id}/messages answers it (numbers masked unless admin). */
public record CampaignMessage(int position, String messageId, String recipient, String outcome, String reason,
        String detail) {

    /** @param next the {@code after} of the next page; null on the last */
    public record Page(List<CampaignMessage> items, Integer next) {
    }
}
