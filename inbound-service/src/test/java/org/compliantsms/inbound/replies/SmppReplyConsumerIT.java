package org.compliantsms.inbound.replies;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.compliantsms.events.Category;
import org.compliantsms.events.ConsentAction;
import org.compliantsms.events.ConsentChanged;
import org.compliantsms.events.InboundReceived;
import org.compliantsms.events.MessageRequested;
import org.compliantsms.events.Topics;
import org.compliantsms.suppression.SuppressionIndex;
import org.compliantsms.testing.PlatformTestResource;
import org.compliantsms.testing.TestNumbers;
import org.compliantsms.testing.TestProducer;
import org.compliantsms.testing.TopicProbe;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Replies read from SMPP by dispatch (unclassified on sms.inbound-received.v1) are classified and applied. */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SmppReplyConsumerIT {
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    SuppressionIndex index;

    @Test
    void aStopReadFromSmppOptsOutAndIsConfirmed() {
        String number = TestNumbers.frenchMobile();
        try (TopicProbe consent = TopicProbe.open(Topics.CONSENT_CHANGED);
                TopicProbe requests = TopicProbe.open(Topics.MESSAGE_REQUESTED)) {
            TestProducer.send(new InboundReceived("smpp-" + UUID.randomUUID(), number, "36180", "STOPP", "simulator",
                    Instant.now(), null));

            ConsentChanged change = consent.awaitEvent(ConsentChanged.class, c -> number.equals(c.recipient()), TIMEOUT);
            assertEquals(ConsentAction.OPT_OUT, change.action());
            assertEquals("de", change.language());
            // Published first (durable), then written to the index (effective): the event can be read before the write.
            await().atMost(TIMEOUT).until(() -> index.suppressingScope(number, "acme-promo").await().atMost(TIMEOUT)
                    .isPresent());
            MessageRequested confirmation = requests.awaitEvent(MessageRequested.class,
                    r -> number.equals(r.recipient()), TIMEOUT);
            assertEquals(Category.CONFIRMATION, confirmation.category());
            assertTrue(confirmation.body().startsWith("Sie sind abgemeldet"), confirmation.body());
        }
    }
}
