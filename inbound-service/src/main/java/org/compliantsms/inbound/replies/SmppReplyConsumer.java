package org.compliantsms.inbound.replies;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.events.EventCodec;
import org.compliantsms.events.InboundReceived;
import org.compliantsms.inbound.Channels;
import org.compliantsms.inbound.keywords.KeywordClassifier;
import org.compliantsms.inbound.optout.ConsentFastPath;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

/**
 * Replies that dispatch read from SMPP sessions arrive unclassified on sms.inbound-received.v1: classify them and
 * apply their opt-outs. Replies that already carry a classification came through this service's webhook and were
 * handled there.
 */
@ApplicationScoped
public class SmppReplyConsumer {
    private static final Logger LOG = Logger.getLogger(SmppReplyConsumer.class);

    private final KeywordClassifier classifier;
    private final ConsentFastPath fastPath;

    public SmppReplyConsumer(KeywordClassifier classifier, ConsentFastPath fastPath) {
        this.classifier = classifier;
        this.fastPath = fastPath;
    }

    @Incoming(Channels.SMPP_REPLIES)
    public Uni<Void> onReply(byte[] payload) {
        return Uni.createFrom().item(() -> EventCodec.decode(payload, InboundReceived.class))
                .chain(reply -> {
                    if (reply.classification() != null) {
                        return Uni.createFrom().voidItem();
                    }
                    InboundReceived classified = new InboundReceived(reply.inboundId(), reply.from(), reply.to(),
                            reply.text(), reply.carrier(), reply.receivedAt(), classifier.classify(reply.text()));
                    return fastPath.apply(classified).replaceWithVoid()
                            .onFailure().invoke(e -> LOG.warnf("reply %s not applied yet, retrying: %s",
                                    reply.inboundId(), e.toString()))
                            .onFailure().retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(5))
                            .indefinitely();
                });
    }
}
