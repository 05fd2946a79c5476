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
import org.compliantsms.campaign.report.OutcomeEvents;
import org.compliantsms.events.MessageApproved;

/**
 * Campaign progress from sms.message-approved.v1, for the report: approved, and deferred when the approval sends
 * it later than it was approved (dispatch holds it until then).
 */
@ApplicationScoped
public class ApprovalProgress implements BatchHandler<MessageApproved> {
    private final CampaignProgress progress;

    public ApprovalProgress(CampaignProgress progress) {
        this.progress = progress;
    }

    @Override
    public String name() {
        return Channels.APPROVALS;
    }

    @Override
    public Class<MessageApproved> eventType() {
        return MessageApproved.class;
    }

    /** Most approvals are not of a campaign (other teams' requests): those are not even decoded. */
    @Override
    public boolean concerns(ConsumerRecord<String, byte[]> record) {
        return RawJson.mayHaveMember(record.value(), "campaignId");
    }

    @Override
    public List<Output> handle(List<Received<MessageApproved>> batch) {
        List<OutcomeEvents.Event> events = new ArrayList<>(batch.size());
        for (Received<MessageApproved> received : batch) {
            MessageApproved approval = received.event();
            if (approval.request().campaignId() == null) {
                continue;
            }
            String messageId = approval.request().messageId();
            events.add(new OutcomeEvents.Event(messageId, "APPROVED", null, approval.approvedAt()));
            if (approval.sendAfter() != null && approval.sendAfter().isAfter(approval.approvedAt())) {
                events.add(new OutcomeEvents.Event(messageId, "DEFERRED", null, approval.approvedAt()));
            }
        }
        progress.record(events);
        return List.of();
    }
}
