package org.compliantsms.inbound.replies;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.batch.BatchHandler;
import org.compliantsms.batch.Output;
import org.compliantsms.batch.Received;
import org.compliantsms.events.InboundReceived;
import org.compliantsms.inbound.Channels;
import org.compliantsms.inbound.keywords.KeywordClassifier;
import org.compliantsms.inbound.optout.ConsentBatchFastPath;

/**
 * Replies that dispatch read from SMPP sessions arrive unclassified on sms.inbound-received.v1: classify them and
 * apply their consent changes, durable and effective before the batch's offsets move. Replies that already carry
 * a classification came through this service's webhook and were applied there.
 */
@ApplicationScoped
public class SmppReplyConsumer implements BatchHandler<InboundReceived> {
    private final KeywordClassifier classifier;
    private final ConsentBatchFastPath fastPath;

    public SmppReplyConsumer(KeywordClassifier classifier, ConsentBatchFastPath fastPath) {
        this.classifier = classifier;
        this.fastPath = fastPath;
    }

    @Override
    public String name() {
        return Channels.SMPP_REPLIES;
    }

    @Override
    public Class<InboundReceived> eventType() {
        return InboundReceived.class;
    }

    @Override
    public List<Output> handle(List<Received<InboundReceived>> batch) {
        List<InboundReceived> classified = batch.stream().map(Received::event)
                .filter(reply -> reply.classification() == null)
                .map(this::classify)
                .toList();
        fastPath.applyAll(classified);
        return List.of();
    }

    private InboundReceived classify(InboundReceived reply) {
        return new InboundReceived(reply.inboundId(), reply.from(), reply.to(), reply.text(), reply.carrier(),
                reply.receivedAt(), classifier.classify(reply.text()));
    }
}
