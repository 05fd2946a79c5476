package org.compliantsms.console.compliance;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What compliance-service answers about one number, as the lookup page reads it. */
public final class NumberRecords {
    private NumberRecords() {
    }

    /** GET /lists/suppression/numbers/{number}: every scope the index holds, and for one program when asked. */
    public record Suppression(String number, String programId, Boolean suppressed, String suppressedBy,
            List<Scope> scopes) {
    }

    public record Scope(String scope, boolean suppressed, Instant since, String eventId) {
    }

    /** GET /consents/{e164}: the state per program and every ledger row, oldest first. */
    public record Consent(String recipient, List<ProgramConsent> programs, List<ConsentRecord> records) {
    }

    public record ProgramConsent(String programId, String state, String recordId, Instant since) {
    }

    /** One consent change with its evidence: who (actor), when (receivedAt, givenAt), how (source, channel...). */
    public record ConsentRecord(String id, String recipient, String programId, String action, String source,
            boolean pendingConfirmation, String confirms, String shownText, Instant givenAt, Instant receivedAt,
            String ipAddress, String channel, String actor, String keyword, String language, String evidence,
            String senderId) {
    }

    /** GET /numbers/{e164}/timeline. */
    public record Timeline(String number, List<Fact> consentChanges, List<MessageFacts> messages) {
    }

    public record MessageFacts(String messageId, String programId, String campaignId, List<Fact> facts) {
        /** The category its request named (CONFIRMATION for the answer to a STOP). */
        public String category() {
            return facts.stream().map(Fact::category).filter(c -> c != null).findFirst().orElse("");
        }

        /** Where it stands: the last status, else the decision, else REQUESTED. */
        public String state() {
            String state = "REQUESTED";
            int rank = -1;
            for (Fact fact : facts) {
                int factRank = "STATUS".equals(fact.kind()) ? 2 : "REQUESTED".equals(fact.kind()) ? 0 : 1;
                if (factRank >= rank) {
                    rank = factRank;
                    state = "STATUS".equals(fact.kind()) ? fact.status() : fact.kind();
                }
            }
            return state;
        }
    }

    public record Fact(String kind, String eventId, String recipient, String messageId, String programId,
            String campaignId, String category, String decidedBy, String rule, String reason, String detail,
            Boolean footerAdded, String consentId, String encoding, Integer segments, String status, String carrier,
            String carrierMessageId, String error, String consentAction, String consentSource, String keyword,
            String evidence, Instant occurredAt) {

        /** The fact in a few words, for the timeline's table. */
        public String what() {
            if (kind == null) {
                return "";
            }
            switch (kind) {
                case "APPROVED":
                    return "approved by " + decidedBy + ", " + encoding + ", " + segments + " part(s)"
                            + (Boolean.TRUE.equals(footerAdded) ? ", footer added" : "");
                case "REJECTED":
                    return "rejected " + reason + " by " + decidedBy + (rule == null ? "" : " (rule " + rule + ")")
                            + (detail == null ? "" : ": " + detail);
                case "STATUS":
                    return status + (carrier == null ? "" : " at " + carrier)
                            + (error == null ? "" : " (" + error + ")");
                case "CONSENT":
                    return consentAction + " from " + consentSource + (keyword == null ? "" : ", keyword " + keyword);
                default:
                    return "requested" + (category == null ? "" : ", " + category);
            }
        }
    }

    /** DELETE /numbers/{e164}/personal-data. */
    public record Erased(long erasureId, String numberHmac, Instant erasedAt, Map<String, Integer> removed,
            List<String> stillSuppressed, int tombstones) {
    }

    /** GET /messages/{id}: a message's whole history. */
    public record MessageHistory(String messageId, String recipient, String programId, String campaignId,
            String category, String state, List<Fact> history) {
    }
}
