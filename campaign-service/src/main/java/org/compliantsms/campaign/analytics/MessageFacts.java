package org.compliantsms.campaign.analytics;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * What the outcomes topic knows of one message, joined from its approval, statuses and rejection in whatever order
 * they are read (OutcomeStore writes it). Mapped so that the table is created and extended with the others; no
 * personal data: the number is only its pseudonym.
 */
@Entity
@Table(name = "message_facts")
public class MessageFacts {
    @Id
    @Column(name = "message_id", length = 128)
    public String messageId;
    @Column(name = "pseudonym", length = 64, nullable = false)
    public String pseudonym;
    @Column(name = "program_id", length = 64, nullable = false)
    public String programId;
    @Column(name = "campaign_id", columnDefinition = "text")
    public String campaignId;
    @Column(name = "category", length = 16)
    public String category;
    @Column(name = "country", length = 2, nullable = false)
    public String country;
    @Column(name = "encoding", length = 8)
    public String encoding;
    @Column(name = "segments")
    public Integer segments;
    @Column(name = "carrier", columnDefinition = "text")
    public String carrier;
    @Column(name = "rejection_reason", length = 32)
    public String rejectionReason;
    /** The furthest outcome reached (null while only the approval is known). */
    @Column(name = "outcome", length = 16)
    public String outcome;
    @Column(name = "outcome_rank")
    public Integer outcomeRank;
    /** The approval was read: the facts it brings (encoding, segments, requestedAt) are there. */
    @Column(name = "approved", nullable = false)
    public boolean approved;
    @Column(name = "requested_at")
    public Instant requestedAt;
    @Column(name = "decided_at")
    public Instant decidedAt;
    @Column(name = "submitted_at")
    public Instant submittedAt;
    @Column(name = "final_at")
    public Instant finalAt;
}
