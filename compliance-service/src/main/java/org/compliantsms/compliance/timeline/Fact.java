package org.compliantsms.compliance.timeline;

import java.time.Instant;

import org.compliantsms.events.ConsentChanged;
import org.compliantsms.events.MessageApproved;
import org.compliantsms.events.MessageRejected;
import org.compliantsms.events.MessageRequested;
import org.compliantsms.events.MessageStatus;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One fact of the timeline: a request, its decision, a status of its sending, or a consent change of the number.
 * Kept once per (kind, eventId). The message's body is not kept (what support and an auditor need is what happened
 * to it, not its text).
 *
 * @param decidedBy the service that decided a rejection (compliance-service, dispatch-service)
 * @param rule the rule that decided a rejection
 * @param consentId the consent record that allowed a MARKETING approval, when the approval names one
 * @param evidence what proves a consent change (e.g. the inbound message id and text)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Fact(Kind kind, String eventId, String recipient, String messageId, String programId,
        String campaignId, String category, String decidedBy, String rule, String reason, String detail, Boolean footerAdded,
        String consentId, String encoding, Integer segments, String status, String carrier,
        String carrierMessageId, String error, String consentAction, String consentSource, String keyword,
        String evidence, Instant occurredAt) {

    /** In the order a message goes through them; a consent change stands on its own. */
    public enum Kind {
        REQUESTED, APPROVED, REJECTED, STATUS, CONSENT
    }

    // Components after category: decidedBy, rule, reason, detail, footerAdded, consentId, encoding, segments,
    // status, carrier, carrierMessageId, error, consentAction, consentSource, keyword, evidence, occurredAt.

    public static Fact of(MessageRequested r) {
        return new Fact(Kind.REQUESTED, r.eventId(), r.recipient(), r.messageId(), r.programId(), r.campaignId(),
                name(r.category()),
                null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, r.requestedAt());
    }

    public static Fact of(MessageApproved a) {
        MessageRequested r = a.request();
        return new Fact(Kind.APPROVED, a.eventId(), r.recipient(), r.messageId(), r.programId(), r.campaignId(),
                name(r.category()),
                "compliance-service", null, null, null, a.footerAdded(), null, name(a.encoding()), a.segments(),
                null, null, null, null, null, null, null, null, a.approvedAt());
    }

    public static Fact of(MessageRejected r) {
        return new Fact(Kind.REJECTED, r.eventId(), r.recipient(), r.messageId(), r.programId(), r.campaignId(),
                name(r.category()),
                r.rejectedBy(), r.rule(), name(r.reason()), r.detail(), null, null, null, null,
                null, null, null, null, null, null, null, null, r.rejectedAt());
    }

    public static Fact of(MessageStatus s) {
        return new Fact(Kind.STATUS, s.eventId(), s.recipient(), s.messageId(), s.programId(), s.campaignId(),
                null,
                null, null, null, null, null, null, null, null,
                name(s.status()), s.carrier(), s.carrierMessageId(), s.error(), null, null, null, null, s.occurredAt());
    }

    public static Fact of(ConsentChanged c) {
        return new Fact(Kind.CONSENT, c.eventId(), c.recipient(), null, c.programId(), null,
                null,
                null, null, null, null, null, null, null, null,
                null, null, null, null, name(c.action()), name(c.source()), c.keyword(), c.evidence(),
                c.occurredAt());
    }

    /** The same fact with the number shown as the caller's role allows. */
    public Fact withRecipient(String shown) {
        return new Fact(kind, eventId, shown, messageId, programId, campaignId, category, decidedBy, rule, reason,
                detail, footerAdded, consentId, encoding, segments, status, carrier, carrierMessageId, error, consentAction,
                consentSource, keyword, evidence, occurredAt);
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
