package org.compliantsms.inbound.review;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.batch.BatchHandler;
import org.compliantsms.batch.Output;
import org.compliantsms.batch.Received;
import org.compliantsms.events.InboundUnattributed;
import org.compliantsms.inbound.Channels;
import org.compliantsms.inbound.keywords.KeywordClassifier;

/** Replies no number could be derived from (read by dispatch from SMPP, or posted to the webhook): to review. */
@ApplicationScoped
public class UnattributedReplies implements BatchHandler<InboundUnattributed> {
    private final KeywordClassifier classifier;
    private final ReviewStore review;

    public UnattributedReplies(KeywordClassifier classifier, ReviewStore review) {
        this.classifier = classifier;
        this.review = review;
    }

    @Override
    public String name() {
        return Channels.UNATTRIBUTED;
    }

    @Override
    public Class<InboundUnattributed> eventType() {
        return InboundUnattributed.class;
    }

    @Override
    public List<Output> handle(List<Received<InboundUnattributed>> batch) {
        review.keep(batch.stream().map(Received::event).map(this::item).toList());
        return List.of();
    }

    private ReviewItem item(InboundUnattributed reply) {
        String reason = reply.fromTon() == null ? reply.reason()
                : reply.reason() + " (source_addr TON " + reply.fromTon() + ", NPI " + reply.fromNpi() + ")";
        return new ReviewItem(reply.inboundId(), ReviewItem.Kind.UNATTRIBUTED, reply.rawFrom(), reply.to(),
                reply.text(), reply.carrier(), reply.receivedAt(), classifier.classify(reply.text()).intent(), reason);
    }
}
