package org.compliantsms.campaign.analytics;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.batch.BatchHandler;
import org.compliantsms.batch.Output;
import org.compliantsms.batch.Received;
import org.compliantsms.campaign.Channels;
import org.compliantsms.events.MessageStatus;
import org.compliantsms.events.Outcome;

/** Submissions and receipts on the outcomes topic: SUBMITTED or UNCONFIRMED, then the final status. */
@ApplicationScoped
public class StatusOutcomes implements BatchHandler<MessageStatus> {
    private final OutcomeStore store;
    private final RecipientPseudonym pseudonym;

    public StatusOutcomes(OutcomeStore store, RecipientPseudonym pseudonym) {
        this.store = store;
        this.pseudonym = pseudonym;
    }

    @Override
    public String name() {
        return Channels.OUTCOME_STATUSES;
    }

    @Override
    public Class<MessageStatus> eventType() {
        return MessageStatus.class;
    }

    @Override
    public List<Output> handle(List<Received<MessageStatus>> batch) {
        List<OutcomeStore.Part> parts = new ArrayList<>(batch.size());
        List<Output> outputs = new ArrayList<>();
        for (Received<MessageStatus> received : batch) {
            MessageStatus status = received.event();
            Outcome outcome;
            try {
                outcome = Outcome.of(status.status());
            } catch (IllegalArgumentException e) {
                // A status of a newer contract than this service knows: set aside, not retried forever.
                outputs.add(Output.deadLetter(received.record(), "no outcome for status " + status.status(), e));
                continue;
            }
            parts.add(OutcomeStore.status(status.messageId(), pseudonym.of(status.recipient()), status.programId(),
                    status.campaignId(), RecipientPseudonym.country(status.recipient()), status.carrier(), outcome,
                    status.occurredAt()));
        }
        store.merge(parts).forEach(outcome -> outputs.add(Output.event(outcome, Channels.SOURCE)));
        return outputs;
    }
}
