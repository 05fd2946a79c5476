package org.compliantsms.compliance.timeline;

import java.util.List;

/**
 * A message's whole history for support: what was requested, the decision, and every status of its sending.
 *
 * @param state where the message stands: the last status (SUBMITTED, DELIVERED, FAILED, ... see docs/dispatch.md,
 *            "Status meanings"), else REJECTED or APPROVED, else REQUESTED (not decided yet, or deferred)
 * @param recipient whole for compliance officers and admins, masked for auditors
 */
public record MessageHistory(String messageId, String recipient, String programId, String campaignId,
        String category, String state, List<Fact> history) {

    static MessageHistory of(String messageId, List<Fact> facts) {
        String recipient = null;
        String programId = null;
        String campaignId = null;
        String category = null;
        String state = null;
        int rank = -1;
        for (Fact fact : facts) {
            recipient = fact.recipient() != null ? fact.recipient() : recipient;
            programId = fact.programId() != null ? fact.programId() : programId;
            campaignId = fact.campaignId() != null ? fact.campaignId() : campaignId;
            category = fact.category() != null ? fact.category() : category;
            // A status is later than the decision even when the clocks of two services disagree.
            int factRank = fact.kind() == Fact.Kind.STATUS ? 2
                    : fact.kind() == Fact.Kind.REQUESTED ? 0 : 1;
            if (factRank >= rank) {
                rank = factRank;
                state = fact.kind() == Fact.Kind.STATUS ? fact.status() : fact.kind().name();
            }
        }
        return new MessageHistory(messageId, recipient, programId, campaignId, category, state, facts);
    }
}
