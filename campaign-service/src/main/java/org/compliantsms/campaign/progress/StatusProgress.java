package org.compliantsms.campaign.progress;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.compliantsms.batch.BatchHandler;
import org.compliantsms.batch.Output;
import org.compliantsms.batch.RawJson;
import org.compliantsms.batch.Received;
import org.compliantsms.campaign.Channels;
import org.compliantsms.campaign.campaigns.MessageOutcome;
import org.compliantsms.campaign.campaigns.OutcomeUpdate;
import org.compliantsms.events.MessageStatus;

/** Campaign progress from sms.message-status.v1: submissions and receipts of campaign messages. */
@ApplicationScoped
public class StatusProgress implements BatchHandler<MessageStatus> {
    private final CampaignProgress progress;

    public StatusProgress(CampaignProgress progress) {
        this.progress = progress;
    }

    @Override
    public String name() {
        return Channels.STATUSES;
    }

    @Override
    public Class<MessageStatus> eventType() {
        return MessageStatus.class;
    }

    /** Most outcomes are not of a campaign (other teams' requests): those are not even decoded. */
    @Override
    public boolean concerns(ConsumerRecord<String, byte[]> record) {
        return RawJson.mayHaveMember(record.value(), "campaignId");
    }

    @Override
    public List<Output> handle(List<Received<MessageStatus>> batch) {
        List<OutcomeUpdate> updates = new ArrayList<>(batch.size());
        List<Output> deadLetters = new ArrayList<>();
        for (Received<MessageStatus> received : batch) {
            MessageStatus status = received.event();
            if (status.campaignId() == null) {
                continue;
            }
            MessageOutcome outcome;
            try {
                outcome = MessageOutcome.of(status.status());
            } catch (IllegalArgumentException e) {
                // A status of a newer contract than this service knows: set aside, not retried forever.
                deadLetters.add(Output.deadLetter(received.record(), "no campaign outcome for status "
                        + status.status(), e));
                continue;
            }
            updates.add(new OutcomeUpdate(status.messageId(), outcome, null, status.error(), status.occurredAt()));
        }
        progress.apply(updates);
        return deadLetters;
    }
}
