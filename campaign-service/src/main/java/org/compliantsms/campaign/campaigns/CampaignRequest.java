package org.compliantsms.campaign.campaigns;

import java.time.Instant;
import java.util.List;

import org.compliantsms.events.Category;

/**
 * A campaign as a team posts it.
 *
 * @param category MARKETING when absent
 * @param defaultRegion ISO 3166 region for recipients written in national form (e.g. FR for 06 12 34 56 78)
 * @param recipients E.164 or national numbers; duplicates are sent once. Absent: a DRAFT whose audience is uploaded
 *        as CSV ({@code POST /campaigns/{id}/audience}), then sent ({@code POST /campaigns/{id}/send})
 * @param sendAt when the emission may start (absent: now)
 * @param ratePerSecond messages per second for this campaign (absent: as fast as the platform takes them)
 */
public record CampaignRequest(String programId, Category category, String senderId, String body, String locale,
        String defaultRegion, Instant notBefore, Instant validUntil, List<String> recipients, Instant sendAt,
        Integer ratePerSecond) {
}
