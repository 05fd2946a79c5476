package org.compliantsms.campaign.campaigns;

import java.time.Instant;

/**
 * News about one campaign message from an outcome topic.
 *
 * @param reason rejection reason, null otherwise
 * @param detail rejection detail or carrier error
 */
public record OutcomeUpdate(String messageId, MessageOutcome outcome, String reason, String detail, Instant at) {
}
