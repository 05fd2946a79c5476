package org.compliantsms.campaign.report;

import java.util.Map;
import java.util.UUID;

import org.compliantsms.campaign.campaigns.CampaignState;

/**
 * A campaign's counts, each message counted once per outcome it reached (a message SUBMITTED then DELIVERED counts
 * in both).
 *
 * @param recipients the campaign's audience
 * @param requested messages whose request Kafka acknowledged (the emission cursor)
 * @param approved approved by compliance
 * @param deferred approved to be sent later (dispatch holds them until their sendAfter)
 * @param rejected rejected, by any reason
 * @param rejections rejected per reason (OPTED_OUT, NO_CONSENT, INVALID_NUMBER...), every reason listed
 * @param unconfirmed submits without an answer from the carrier (never resubmitted)
 */
public record CampaignReport(UUID id, String programId, CampaignState state, long recipients, long requested,
        long approved, long deferred, long rejected, Map<String, Long> rejections, long submitted,
        long unconfirmed, long delivered, long failed, long expired, long undeliverable, long unknown) {
}
