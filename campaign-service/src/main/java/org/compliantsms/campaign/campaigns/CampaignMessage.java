package org.compliantsms.campaign.campaigns;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One recipient of a campaign: its message id (the idempotency key downstream) and its outcome. */
@Entity
@Table(name = "campaign_message", indexes = @Index(name = "campaign_message_campaign", columnList = "campaignId"))
public class CampaignMessage extends PanacheEntityBase {
    @Id
    @Column(length = 128)
    public String messageId;
    @Column(nullable = false)
    public UUID campaignId;
    public int position;
    @Column(nullable = false, length = 16)
    public String recipient;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public MessageOutcome outcome;
    /** Rejection reason (OPTED_OUT, INVALID_NUMBER...), null otherwise. */
    @Column(length = 32)
    public String reason;
    /** Rejection detail or carrier error. */
    @Column(length = 512)
    public String detail;
    public Instant updatedAt;
    /**
     * The recipient's time zones as its wave key (RecipientZones): filled in by the emitter when a campaign sent in
     * local windows starts, null before (most campaigns never need them).
     */
    @Column(columnDefinition = "text")
    public String timeZones;

    /** Moves the outcome forward; an older or equal news changes nothing. */
    public boolean advance(MessageOutcome next, String reasonCode, String why, Instant at) {
        if (!next.isAfter(outcome)) {
            return false;
        }
        outcome = next;
        reason = reasonCode;
        detail = why == null || why.length() <= 512 ? why : why.substring(0, 512);
        updatedAt = at;
        return true;
    }
}
