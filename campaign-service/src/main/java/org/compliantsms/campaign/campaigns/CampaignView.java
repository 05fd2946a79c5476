package org.compliantsms.campaign.campaigns;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.compliantsms.campaign.waves.WindowView;
import org.compliantsms.events.Category;

/**
 * A campaign and its progress.
 *
 * @param outcomes messages per outcome (REQUESTED, SUBMITTED, DELIVERED, REJECTED...), every outcome listed
 * @param rejections rejected messages per reason (OPTED_OUT, INVALID_NUMBER...), every reason listed
 * @param sendAt when the emission may start (null: at once)
 * @param ratePerSecond the campaign's rate (null: as fast as the platform takes them)
 * @param localWindow each recipient is released inside this window of its local time (null: all at once)
 * @param waitingForWindow messages not requested yet because their recipients' window is closed now
 */
public record CampaignView(UUID id, String programId, Category category, String senderId, String body,
        CampaignState state, int recipients, Map<MessageOutcome, Long> outcomes, Map<String, Long> rejections,
        Instant createdAt, Instant requestedAt, Instant sendAt, Integer ratePerSecond, WindowView localWindow,
        long waitingForWindow) {
}
