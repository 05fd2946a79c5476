package org.compliantsms.campaign.preview;

import java.util.List;

import org.compliantsms.events.Category;

/**
 * A campaign to preview before it is sent: the same fields as a campaign, recipients with their fields.
 *
 * @param category the program's when absent
 * @param sample how many rendered messages to show, 5 when absent, 50 at most
 */
public record PreviewRequest(String programId, Category category, String senderId, String body, String locale,
        String defaultRegion, List<PreviewRecipient> recipients, Integer sample) {
}
