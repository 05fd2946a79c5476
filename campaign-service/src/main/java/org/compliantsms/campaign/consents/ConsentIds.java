package org.compliantsms.campaign.consents;

import java.util.UUID;

import org.compliantsms.campaign.emission.MessageIds;

/**
 * The eventId of the consent record an audience row creates: derived from the campaign and the recipient alone, so
 * that a re-upload or a retried batch publishes the same event, which the consent ledger keeps once (its key).
 */
public final class ConsentIds {
    private ConsentIds() {
    }

    public static String of(UUID campaignId, String recipient) {
        return "campaign-consent-" + MessageIds.of(campaignId, "consent:" + recipient);
    }
}
