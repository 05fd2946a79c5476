package org.compliantsms.inbound.replies;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.compliantsms.batch.BatchHandler;
import org.compliantsms.batch.Output;
import org.compliantsms.batch.Received;
import org.compliantsms.events.InboundReceived;
import org.compliantsms.inbound.Channels;
import org.compliantsms.inbound.confirmation.HelpAnswers;
import org.compliantsms.inbound.keywords.KeywordClassifier;
import org.compliantsms.inbound.optout.ConsentBatchFastPath;
import org.compliantsms.inbound.programs.ProgramDirectory;
import org.compliantsms.inbound.review.ReviewItem;
import org.compliantsms.inbound.review.ReviewStore;

/**
 * Every reply on sms.inbound-received.v1. Replies that dispatch read from SMPP sessions arrive unclassified:
 * classify them and apply their consent changes, durable and effective before the batch's offsets move (replies
 * that already carry a classification came through this service's webhook and were applied there). For all of
 * them: HELP is answered, and an ambiguous reply or one sent to a number no program owns is kept for review.
 */
@ApplicationScoped
public class SmppReplyConsumer implements BatchHandler<InboundReceived> {
    private final KeywordClassifier classifier;
    private final ConsentBatchFastPath fastPath;
    private final HelpAnswers help;
    private final ProgramDirectory programs;
    private final ReviewStore review;

    public SmppReplyConsumer(KeywordClassifier classifier, ConsentBatchFastPath fastPath, HelpAnswers help,
            ProgramDirectory programs, ReviewStore review) {
        this.classifier = classifier;
        this.fastPath = fastPath;
        this.help = help;
        this.programs = programs;
        this.review = review;
    }

    @Override
    public String name() {
        return Channels.SMPP_REPLIES;
    }

    @Override
    public Class<InboundReceived> eventType() {
        return InboundReceived.class;
    }

    /**
     * A malformed reply is never only a dead letter when it is an opt-out: one that still gives its sender in E.164,
     * the number it was sent to and its text, whatever else is wrong, is classified again and applied when it is
     * an opt-out ({@link SalvagedReply}). Other replies stay only dead letters.
     */
    @Override
    public Optional<InboundReceived> salvage(ConsumerRecord<String, byte[]> record) {
        return SalvagedReply.of(record).filter(reply -> classify(reply).classification().intent().name()
                .startsWith("OPT_OUT"));
    }

    @Override
    public List<Output> handle(List<Received<InboundReceived>> batch) {
        List<InboundReceived> fromSmpp = new ArrayList<>();
        List<InboundReceived> all = new ArrayList<>(batch.size());
        for (Received<InboundReceived> received : batch) {
            InboundReceived reply = received.event();
            if (reply.classification() == null) {
                reply = classify(reply);
                fromSmpp.add(reply);
            }
            all.add(reply);
        }
        fastPath.applyAll(fromSmpp);
        review.keep(all.stream().flatMap(r -> toReview(r).stream()).toList());
        return help.answer(all);
    }

    private InboundReceived classify(InboundReceived reply) {
        return reply.classified(classifier.classify(reply.text(), programs.programOf(reply.to()).orElse(null)));
    }

    private Optional<ReviewItem> toReview(InboundReceived reply) {
        if (reply.classification().ambiguous()) {
            return Optional.of(item(reply, ReviewItem.Kind.AMBIGUOUS, "neither a clear request nor chatter"));
        }
        if (programs.programOf(reply.to()).isEmpty()) {
            return Optional.of(item(reply, ReviewItem.Kind.UNKNOWN_DESTINATION, "sent to " + reply.to()
                    + ", which no program owns" + (reply.classification().intent().name().startsWith("OPT_OUT")
                            ? ": applied as an opt-out of everything" : "")));
        }
        return Optional.empty();
    }

    private static ReviewItem item(InboundReceived reply, ReviewItem.Kind kind, String reason) {
        return new ReviewItem(reply.inboundId(), kind, reply.from(), reply.to(), reply.text(), reply.carrier(),
                reply.receivedAt(), reply.classification().intent(), reason);
    }
}
