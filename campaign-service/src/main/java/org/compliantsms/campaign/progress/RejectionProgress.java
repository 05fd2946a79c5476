package org.compliantsms.campaign.progress;

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
import org.compliantsms.events.MessageRejected;

/** Campaign progress from sms.message-rejected.v1: campaign messages that will never be sent, and why. */
@ApplicationScoped
public class RejectionProgress implements BatchHandler<MessageRejected> {
    private final CampaignProgress progress;

    public RejectionProgress(CampaignProgress progress) {
        this.progress = progress;
    }

    @Override
    public String name() {
        return Channels.REJECTIONS;
    }

    @Override
    public Class<MessageRejected> eventType() {
        return MessageRejected.class;
    }

    /** Most outcomes are not of a campaign (other teams' requests): those are not even decoded. */
    @Override
    public boolean concerns(ConsumerRecord<String, byte[]> record) {
        return RawJson.mayHaveMember(record.value(), "campaignId");
    }

    @Override
    public List<Output> handle(List<Received<MessageRejected>> batch) {
        progress.apply(batch.stream().map(Received::event)
                .filter(rejection -> rejection.campaignId() != null)
                .map(rejection -> new OutcomeUpdate(rejection.messageId(), MessageOutcome.REJECTED,
                        rejection.reason().name(), rejection.detail(), rejection.rejectedAt()))
                .toList());
        return List.of();
    }
}
