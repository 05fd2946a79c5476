package org.compliantsms.campaign.analytics;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.batch.BatchHandler;
import org.compliantsms.batch.Output;
import org.compliantsms.batch.Received;
import org.compliantsms.campaign.Channels;
import org.compliantsms.events.MessageApproved;
import org.compliantsms.events.MessageRequested;

/**
 * The approvals' part of the outcomes (category, encoding, segments, requested and decided times); an outcome read
 * before its approval is emitted now.
 */
@ApplicationScoped
public class ApprovalFacts implements BatchHandler<MessageApproved> {
    private final OutcomeStore store;
    private final RecipientPseudonym pseudonym;

    public ApprovalFacts(OutcomeStore store, RecipientPseudonym pseudonym) {
        this.store = store;
        this.pseudonym = pseudonym;
    }

    @Override
    public String name() {
        return Channels.OUTCOME_APPROVALS;
    }

    @Override
    public Class<MessageApproved> eventType() {
        return MessageApproved.class;
    }

    @Override
    public List<Output> handle(List<Received<MessageApproved>> batch) {
        List<OutcomeStore.Part> parts = batch.stream().map(Received::event).map(approved -> {
            MessageRequested request = approved.request();
            return OutcomeStore.approval(request.messageId(), pseudonym.of(request.recipient()), request.programId(),
                    request.campaignId(), request.category(), RecipientPseudonym.country(request.recipient()),
                    approved.encoding(), approved.segments(), request.requestedAt(), approved.approvedAt());
        }).toList();
        return store.merge(parts).stream().map(outcome -> Output.event(outcome, Channels.SOURCE)).toList();
    }
}
