package org.compliantsms.campaign.report;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.compliantsms.campaign.campaigns.CampaignState;
import org.compliantsms.campaign.waves.WaveStatus;
import org.compliantsms.campaign.waves.WindowView;

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
 * @param optOutsAfter recipients who opted out (of the program, or of everything) within the attribution window
 *        (7 days by default) after a message of this campaign reached the carrier for them, this campaign being
 *        the last to reach them before it
 * @param localWindow the recipients' local sending window (null: all at once)
 * @param waitingForWindow messages not requested yet because their recipients' window is closed now
 * @param waves per set of time zones, what is not requested yet and when its window opens (empty without a window)
 */
public record CampaignReport(UUID id, String programId, CampaignState state, long recipients, long requested,
        long approved, long deferred, long rejected, Map<String, Long> rejections, long submitted,
        long unconfirmed, long delivered, long failed, long expired, long undeliverable, long unknown,
        long optOutsAfter, WindowView localWindow, long waitingForWindow, List<WaveStatus> waves) {
}
