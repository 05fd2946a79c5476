package org.compliantsms.campaign.campaigns;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.compliantsms.campaign.emission.MessageIds;
import org.compliantsms.campaign.waves.LocalWindow;
import org.compliantsms.campaign.waves.WaveProgress;
import org.compliantsms.campaign.waves.WindowView;
import org.compliantsms.events.Category;
import org.compliantsms.events.RejectionReason;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Campaigns and their messages in PostgreSQL (Hibernate Reactive). */
@ApplicationScoped
public class CampaignStore {
    private final WaveProgress waves;

    public CampaignStore(WaveProgress waves) {
        this.waves = waves;
    }

    /**
     * Stores the campaign and one message per recipient in one transaction. Without recipients it is a DRAFT; due
     * now and without a rate, it is stored EMITTING with this replica's lease (the caller emits it at once);
     * otherwise SCHEDULED, for whichever replica polls first.
     */
    @WithTransaction
    public Uni<Campaign> create(CampaignRequest request, List<String> recipients, String owner, Duration lease) {
        Campaign campaign = new Campaign();
        campaign.id = UUID.randomUUID();
        campaign.programId = request.programId();
        campaign.senderId = request.senderId().strip();
        campaign.category = request.category() == null ? Category.MARKETING : request.category();
        campaign.body = request.body();
        campaign.locale = request.locale();
        campaign.notBefore = request.notBefore();
        campaign.validUntil = request.validUntil();
        campaign.sendAt = request.sendAt();
        campaign.ratePerSecond = request.ratePerSecond();
        campaign.recipientCount = recipients.size();
        campaign.createdAt = Instant.now();
        if (request.recipients() == null) {
            campaign.state = CampaignState.DRAFT;
        } else if (emitsAtOnce(campaign)) {
            campaign.state = CampaignState.EMITTING;
            campaign.leaseOwner = owner;
            campaign.leaseUntil = campaign.createdAt.plus(lease);
        } else {
            campaign.state = CampaignState.SCHEDULED;
        }
        List<CampaignMessage> messages = IntStream.range(0, recipients.size()).mapToObj(i -> {
            CampaignMessage message = new CampaignMessage();
            message.messageId = MessageIds.of(campaign.id, recipients.get(i));
            message.campaignId = campaign.id;
            message.position = i;
            message.recipient = recipients.get(i);
            message.outcome = MessageOutcome.REQUESTED;
            message.updatedAt = campaign.createdAt;
            return message;
        }).toList();
        return campaign.<Campaign> persist().call(() -> messages.isEmpty() ? Uni.createFrom().voidItem()
                : CampaignMessage.persist(messages));
    }

    /** Due now, at full speed: emitted while its creator waits. */
    public static boolean emitsAtOnce(Campaign campaign) {
        return campaign.ratePerSecond == null && (campaign.sendAt == null || !campaign.sendAt.isAfter(Instant.now()));
    }

    /**
     * Moves the messages' outcomes forward, in the updates' order, in one transaction; unknown message ids (other
     * producers') are ignored. Applying the same updates again changes nothing.
     *
     * @return how many updates moved a message
     */
    @WithTransaction
    public Uni<Integer> advanceAll(List<OutcomeUpdate> updates) {
        List<String> ids = updates.stream().map(OutcomeUpdate::messageId).distinct().toList();
        // Locked in one order: the status and rejection consumers (and replicas) never overwrite each other's
        // outcome, and never deadlock.
        return CampaignMessage.<CampaignMessage> find("messageId in ?1 order by messageId", ids)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list()
                .map(messages -> {
                    Map<String, CampaignMessage> byId = new HashMap<>();
                    messages.forEach(message -> byId.put(message.messageId, message));
                    int advanced = 0;
                    for (OutcomeUpdate update : updates) {
                        CampaignMessage message = byId.get(update.messageId());
                        if (message != null && message.advance(update.outcome(), update.reason(), update.detail(),
                                update.at())) {
                            advanced++;
                        }
                    }
                    return advanced;
                });
    }

    @WithSession
    public Uni<Optional<CampaignView>> view(UUID id) {
        return Campaign.<Campaign> findById(id).chain(campaign -> {
            if (campaign == null) {
                return Uni.createFrom().item(Optional.empty());
            }
            LocalWindow window = window(campaign);
            return counts(id).chain(counts -> waves.of(id, window).map(waiting -> Optional.of(new CampaignView(
                    campaign.id, campaign.programId, campaign.category, campaign.senderId, campaign.body,
                    campaign.state, campaign.recipientCount, counts.outcomes(), counts.rejections(), campaign.createdAt,
                    campaign.requestedAt, campaign.sendAt, campaign.ratePerSecond, WindowView.of(window),
                    waiting.waitingForWindow()))));
        });
    }

    static LocalWindow window(Campaign campaign) {
        return campaign.windowFrom == null || campaign.windowTo == null ? null
                : new LocalWindow(campaign.windowFrom, campaign.windowTo);
    }

    /** One page of the campaign's messages, in campaign order, after {@code afterPosition}. */
    @WithSession
    public Uni<List<CampaignMessage>> messages(UUID id, int afterPosition, int limit) {
        return CampaignMessage.<CampaignMessage> find("campaignId = ?1 and position > ?2 order by position", id,
                afterPosition).range(0, limit - 1).list();
    }

    private record Counts(Map<MessageOutcome, Long> outcomes, Map<String, Long> rejections) {
    }

    private Uni<Counts> counts(UUID id) {
        return Panache.getSession().chain(session -> session.createSelectionQuery(
                "select m.outcome, m.reason, count(m) from CampaignMessage m where m.campaignId = ?1"
                        + " group by m.outcome, m.reason", Object[].class)
                .setParameter(1, id).getResultList())
                .map(rows -> {
                    Map<MessageOutcome, Long> outcomes = new EnumMap<>(MessageOutcome.class);
                    Map<String, Long> rejections = new TreeMap<>();
                    for (MessageOutcome outcome : MessageOutcome.values()) {
                        outcomes.put(outcome, 0L);
                    }
                    for (RejectionReason reason : RejectionReason.values()) {
                        rejections.put(reason.name(), 0L);
                    }
                    for (Object[] row : rows) {
                        MessageOutcome outcome = (MessageOutcome) row[0];
                        long count = (Long) row[2];
                        outcomes.merge(outcome, count, Long::sum);
                        if (outcome == MessageOutcome.REJECTED) {
                            rejections.merge(String.valueOf(row[1]), count, Long::sum);
                        }
                    }
                    return new Counts(outcomes, rejections);
                });
    }
}
