package org.compliantsms.inbound.replies;

import static org.awaitility.Awaitility.await;
import static org.compliantsms.testing.TopicProbe.header;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.compliantsms.batch.Output;
import org.compliantsms.batch.Received;
import org.compliantsms.events.Classification;
import org.compliantsms.events.ConsentAction;
import org.compliantsms.events.ConsentChanged;
import org.compliantsms.events.EventCodec;
import org.compliantsms.events.InboundReceived;
import org.compliantsms.events.Intent;
import org.compliantsms.events.SuppressionScope;
import org.compliantsms.events.Topics;
import org.compliantsms.inbound.programs.ProgramDirectory;
import org.compliantsms.suppression.SuppressionIndex;
import org.compliantsms.testing.PlatformTestResource;
import org.compliantsms.testing.TestNumbers;
import org.compliantsms.testing.TestProducer;
import org.compliantsms.testing.TopicProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** SMPP replies in batches: each opt-out durable and effective once, poison aside, retries harmless. */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SmppReplyBatchIT {
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final String SHORT_CODE = "36180"; // program acme-promo in the test profile
    static final String PROGRAM_SCOPE = SuppressionScope.program("acme-promo");

    @Inject
    SuppressionIndex index;

    @Inject
    SmppReplyConsumer consumer;

    @Inject
    ProgramDirectory programs;

    TopicProbe consent;

    /**
     * The tests call the handler directly: its consumer loop would retry a batch until the programs are read
     * (ProgramsNotReadyException), a direct call fails instead when it is the first thing the service does.
     */
    @BeforeEach
    void open() {
        await().atMost(TIMEOUT).until(programs::ready);
        consent = TopicProbe.open(Topics.CONSENT_CHANGED);
    }

    @AfterEach
    void close() {
        consent.close();
    }

    static InboundReceived smpp(String from, String text) {
        return new InboundReceived("smpp-" + UUID.randomUUID(), from, SHORT_CODE, text, "simulator",
                Instant.now().truncatedTo(ChronoUnit.MILLIS), null);
    }

    Optional<String> suppressingScope(String number) {
        return index.suppressingScope(number, "acme-promo").await().atMost(TIMEOUT);
    }

    @Test
    void aBatchOfRepliesOptsOutEveryStopAndDeadLettersOnlyThePoison() {
        String stop = TestNumbers.frenchMobile();
        String arret = TestNumbers.frenchMobile();
        String stopAll = TestNumbers.frenchMobile();
        String chatter = TestNumbers.frenchMobile();
        String viaWebhook = TestNumbers.frenchMobile();
        String afterPoison = TestNumbers.frenchMobile();
        byte[] poison = "{\"inboundId\": oops".getBytes(StandardCharsets.UTF_8);
        try (TopicProbe dlq = TopicProbe.open(Topics.INBOUND_RECEIVED_DLQ)) {
            TestProducer.send(Topics.INBOUND_RECEIVED, afterPoison, poison, Map.of());
            TestProducer.sendAll(List.of(
                    smpp(stop, "STOP"),
                    smpp(arret, "Arrêt"),
                    smpp(stopAll, "Stop all"),
                    smpp(chatter, "Where is my order?"),
                    // classified: the webhook applied it already, the consumer leaves it alone
                    new InboundReceived("SM" + UUID.randomUUID(), viaWebhook, SHORT_CODE, "STOP", "webhook",
                            Instant.now(), new Classification(Intent.OPT_OUT, "STOP", "en")),
                    smpp(afterPoison, "stopp"))); // same key as the poison, behind it

            Set<String> optedOut = Set.of(stop, arret, stopAll, afterPoison);
            Map<String, ConsentChanged> changes = consent.awaitEvents(ConsentChanged.class,
                    c -> optedOut.contains(c.recipient()), optedOut.size(), TIMEOUT).stream()
                    .collect(Collectors.toMap(ConsentChanged::recipient, Function.identity()));
            assertEquals(ConsentAction.OPT_OUT, changes.get(stop).action());
            assertEquals("fr", changes.get(arret).language());
            assertEquals(ConsentAction.OPT_OUT_ALL, changes.get(stopAll).action());
            assertEquals("de", changes.get(afterPoison).language());
            assertTrue(changes.values().stream().noneMatch(ConsentChanged::alreadyInEffect));
            // effective right after durable (the same batch, one pipelined round trip later)
            await().atMost(TIMEOUT).untilAsserted(() -> {
                assertEquals(Optional.of(PROGRAM_SCOPE), suppressingScope(stop));
                assertEquals(Optional.of(PROGRAM_SCOPE), suppressingScope(arret));
                assertEquals(Optional.of(SuppressionScope.GLOBAL), suppressingScope(stopAll));
                assertEquals(Optional.of(PROGRAM_SCOPE), suppressingScope(afterPoison));
            });

            ConsumerRecord<String, byte[]> dead = dlq.awaitRecords(r -> afterPoison.equals(r.key()), 1, TIMEOUT).get(0);
            assertArrayEquals(poison, dead.value());
            assertFalse(header(dead, Output.DLQ_REASON).orElseThrow().isBlank());
            assertEquals(Topics.INBOUND_RECEIVED, header(dead, Output.DLQ_TOPIC).orElseThrow());

            // nothing else: no change for the chatter nor for the webhook's reply, each opt-out published once
            List<ConsentChanged> all = consent.eventsDuring(ConsentChanged.class,
                    c -> optedOut.contains(c.recipient()) || chatter.equals(c.recipient())
                            || viaWebhook.equals(c.recipient()),
                    Duration.ofSeconds(1));
            assertEquals(optedOut, all.stream().map(ConsentChanged::recipient).collect(Collectors.toSet()));
            assertEquals(optedOut.size(), all.size());
            assertTrue(suppressingScope(chatter).isEmpty());
            assertTrue(suppressingScope(viaWebhook).isEmpty());
        }
    }

    @Test
    void handlingTheSameBatchAgainPublishesAndWritesNothingTwice() {
        String first = TestNumbers.frenchMobile();
        String second = TestNumbers.frenchMobile();
        List<Received<InboundReceived>> batch = received(smpp(first, "STOP"), smpp(second, "Stop all"));

        consumer.handle(batch);
        consumer.handle(batch); // the loop retries a batch whose offsets were not committed

        List<ConsentChanged> changes = consent.eventsDuring(ConsentChanged.class,
                c -> first.equals(c.recipient()) || second.equals(c.recipient()), Duration.ofSeconds(2));
        assertEquals(2, changes.size(), "one change per reply");
        assertEquals(Optional.of(PROGRAM_SCOPE), suppressingScope(first));
        assertEquals(Optional.of(SuppressionScope.GLOBAL), suppressingScope(second));
    }

    @Test
    void aChangeComplianceAlreadyWroteIsNotPublishedAgain() {
        String number = TestNumbers.frenchMobile();
        InboundReceived reply = smpp(number, "STOP");
        // published by an earlier attempt and written to the index by compliance before this one wrote it
        index.write(number, PROGRAM_SCOPE, true, reply.receivedAt(), "kw-" + reply.inboundId()).await().atMost(TIMEOUT);

        consumer.handle(received(reply));

        assertTrue(consent.eventsDuring(ConsentChanged.class, c -> number.equals(c.recipient()), Duration.ofSeconds(1))
                .isEmpty());
    }

    @Test
    void repliesOfOneNumberInOneBatchSeeEachOther() {
        String number = TestNumbers.frenchMobile();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        InboundReceived stop = new InboundReceived("smpp-" + UUID.randomUUID(), number, SHORT_CODE, "STOP", "simulator",
                at, null);
        InboundReceived stopAgain = new InboundReceived("smpp-" + UUID.randomUUID(), number, SHORT_CODE, "Stop!",
                "simulator", at.plusMillis(1), null);
        InboundReceived yes = new InboundReceived("smpp-" + UUID.randomUUID(), number, SHORT_CODE, "Yes", "simulator",
                at.plusMillis(2), null);

        // A fresh number: if the index held it already, the failure below would say nothing about batches.
        assertEquals(Optional.empty(), index.entry(number, PROGRAM_SCOPE).await().atMost(TIMEOUT),
                "the index held this fresh number before the test");

        consumer.handle(received(stop, stopAgain, yes));

        List<ConsentChanged> changes = consent.awaitEvents(ConsentChanged.class, c -> number.equals(c.recipient()), 3,
                TIMEOUT);
        assertEquals(List.of(ConsentAction.OPT_OUT, ConsentAction.OPT_OUT, ConsentAction.OPT_IN),
                changes.stream().map(ConsentChanged::action).toList());
        assertEquals(List.of(false, true, false), changes.stream().map(ConsentChanged::alreadyInEffect).toList(),
                () -> "changes " + changes.stream().map(ConsentChanged::eventId).toList() + " for replies "
                        + List.of(stop.inboundId(), stopAgain.inboundId(), yes.inboundId()));
        assertTrue(suppressingScope(number).isEmpty(), "the YES, the latest, is what the index holds");
    }

    static List<Received<InboundReceived>> received(InboundReceived... replies) {
        return List.of(replies).stream()
                .map(r -> new Received<>(r, new ConsumerRecord<>(Topics.INBOUND_RECEIVED, 0, 0L, r.from(),
                        EventCodec.encode(r))))
                .toList();
    }
}
