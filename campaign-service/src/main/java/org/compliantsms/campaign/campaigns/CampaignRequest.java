package org.compliantsms.campaign.campaigns;

import java.time.Instant;
import java.util.List;

import org.compliantsms.events.Category;

/**
 * A campaign as a team posts it.
 *
 * @param category MARKETING when absent
 * @param defaultRegion ISO 3166 region for recipients written in national form (e.g. FR for 06 12 34 56 78)
 * @param recipients E.164 or national numbers; duplicates are sent once
 */
public record CampaignRequest(String programId, Category category, String senderId, String body, String locale,
        String defaultRegion, Instant notBefore, Instant validUntil, List<String> recipients) {
}
