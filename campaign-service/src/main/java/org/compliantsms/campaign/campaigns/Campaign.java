package org.compliantsms.campaign.campaigns;

import java.time.Instant;
import java.time.LocalTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.compliantsms.events.Category;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

@Entity
@Table(name = "campaign")
public class Campaign extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(nullable = false, length = 64)
    public String programId;
    @Column(nullable = false, length = 16)
    public String senderId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public Category category;
    @Column(nullable = false, length = 1600)
    public String body;
    @Column(length = 35)
    public String locale;
    public Instant notBefore;
    public Instant validUntil;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public CampaignState state;
    public int recipientCount;
    @Column(nullable = false)
    public Instant createdAt;
    public Instant requestedAt;
    /** When the emission may start; now when absent. */
    public Instant sendAt;
    /** Messages per second for this campaign; as fast as the platform takes them when absent. */
    public Integer ratePerSecond;
    /** The emission cursor: every message up to this position was acknowledged by Kafka (-1: none yet). */
    public int emittedThrough = -1;
    /** The replica emitting the campaign, and until when (CampaignEmitter). */
    @Column(length = 64)
    public String leaseOwner;
    public Instant leaseUntil;
    /** The recipients' local sending window (both null: every recipient at once). */
    public LocalTime windowFrom;
    public LocalTime windowTo;
}
