package org.compliantsms.campaign.analytics;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.batch.BatchHandler;
import org.compliantsms.batch.Output;
import org.compliantsms.batch.Received;
import org.compliantsms.campaign.Channels;
import org.compliantsms.events.MessageRejected;
import org.compliantsms.events.RejectionReason;

/**
 * Rejections on the outcomes topic, at once: a rejection by compliance has no approval to wait for. One by
 * dispatch (BLOCKED_AT_DISPATCH) comes after an approval, whose decision time it keeps.
 */
@ApplicationScoped
public class RejectionOutcomes implements BatchHandler<MessageRejected> {
    private final OutcomeStore store;
    private final RecipientPseudonym pseudonym;

    public RejectionOutcomes(OutcomeStore store, RecipientPseudonym pseudonym) {
        this.store = store;
        this.pseudonym = pseudonym;
    }

    @Override
    public String name() {
        return Channels.OUTCOME_REJECTIONS;
    }

    @Override
    public Class<MessageRejected> eventType() {
        return MessageRejected.class;
    }

    @Override
    public List<Output> handle(List<Received<MessageRejected>> batch) {
        List<OutcomeStore.Part> parts = batch.stream().map(Received::event).map(rejected -> OutcomeStore.rejection(
                rejected.messageId(), pseudonym.of(rejected.recipient()), rejected.programId(), rejected.campaignId(),
                rejected.category(), RecipientPseudonym.country(rejected.recipient()), rejected.reason(),
                rejected.reason() == RejectionReason.BLOCKED_AT_DISPATCH ? null : rejected.rejectedAt(),
                rejected.rejectedAt())).toList();
        return store.merge(parts).stream().map(outcome -> Output.event(outcome, Channels.SOURCE)).toList();
    }
}
