package org.compliantsms.campaign.analytics;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.compliantsms.events.Category;
import org.compliantsms.events.DeliveryStatus;
import org.compliantsms.events.Encoding;
import org.compliantsms.events.EventCodec;
import org.compliantsms.events.MessageApproved;
import org.compliantsms.events.MessageOutcome;
import org.compliantsms.events.MessageRejected;
import org.compliantsms.events.MessageRequested;
import org.compliantsms.events.MessageStatus;
import org.compliantsms.events.Outcome;
import org.compliantsms.events.RejectionReason;
import org.compliantsms.events.Topics;
import org.compliantsms.testing.PlatformTestResource;
import org.compliantsms.testing.TestNumbers;
import org.compliantsms.testing.TestProducer;
import org.compliantsms.testing.TopicProbe;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Approvals, statuses and rejections through the real broker and PostgreSQL become outcome records with the
 * right fields, whatever order their parts are read in, and no phone number anywhere in key, value or headers.
 */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "sms_campaign"))
class MessageOutcomesIT {
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    RecipientPseudonym pseudonym;

    @Inject
    Pool pool;

    /** The stored outcome of a message and whether its approval is known, e.g. {@code DELIVERED/false}. */
    String storedOutcome(String messageId) {
        RowSet<Row> rows = pool.preparedQuery("SELECT outcome, approved FROM campaigns.message_facts WHERE message_id = $1")
                .execute(Tuple.of(messageId)).await().atMost(Duration.ofSeconds(5));
        return rows.size() == 0 ? null : rows.iterator().next().getString("outcome") + "/"
                + rows.iterator().next().getBoolean("approved");
    }

    /** Times as PostgreSQL keeps them (microseconds), so that what comes back equals what was sent. */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    static MessageRequested request(String recipient, Instant at) {
        return new MessageRequested("outcome-it-" + UUID.randomUUID(), "acme-promo", "campaign-it", Category.MARKETING,
                recipient, "Winter sale: 20% off until Sunday.", "ACME", null, null, null, at);
    }

    static MessageApproved approval(MessageRequested request, Instant at) {
        return new MessageApproved(request, request.body() + " STOP au 36180", Encoding.GSM7, 1, true, at, at);
    }

    static MessageStatus status(MessageRequested request, DeliveryStatus status, Instant at) {
        return new MessageStatus(request.messageId(), request.programId(), request.campaignId(), request.recipient(),
                status, "simulator", "c-1", null, at);
    }

    @Test
    void outcomesCarryTheirFactsAndNoNumber() {
        Instant t0 = now();
        MessageRequested delivered = request(TestNumbers.frenchMobile(), t0);
        MessageRequested rejected = request(TestNumbers.frenchMobile(), t0);
        MessageRequested receiptFirst = request(TestNumbers.frenchMobile(), t0);
        Map<String, String> numberOf = Map.of(delivered.messageId(), delivered.recipient(), rejected.messageId(),
                rejected.recipient(), receiptFirst.messageId(), receiptFirst.recipient());
        List<String> numbers = List.copyOf(numberOf.values());

        try (TopicProbe probe = TopicProbe.open(Topics.MESSAGE_OUTCOMES)) {
            Instant approvedAt = t0.plusMillis(80);
            Instant submittedAt = t0.plusMillis(200);
            Instant deliveredAt = t0.plusMillis(3000);
            TestProducer.send(approval(delivered, approvedAt));
            TestProducer.send(status(delivered, DeliveryStatus.SUBMITTED, submittedAt));
            TestProducer.send(status(delivered, DeliveryStatus.DELIVERED, deliveredAt));
            Instant rejectedAt = t0.plusMillis(90);
            TestProducer.send(new MessageRejected(rejected.messageId(), "acme-promo", null, Category.MARKETING,
                    rejected.recipient(), RejectionReason.OPTED_OUT, "opted out (program:acme-promo)",
                    "compliance-service", rejectedAt));
            // A receipt read before its approval: held back until the approval is known.
            TestProducer.send(status(receiptFirst, DeliveryStatus.DELIVERED, deliveredAt));

            MessageOutcome done = probe.awaitEvent(MessageOutcome.class,
                    o -> o.messageId().equals(delivered.messageId()) && o.outcome() == Outcome.DELIVERED, TIMEOUT);
            assertEquals(new MessageOutcome(delivered.messageId(), pseudonym.of(delivered.recipient()), "acme-promo",
                    "campaign-it", Category.MARKETING, "FR", Encoding.GSM7, 1, "simulator", Outcome.DELIVERED, true,
                    null, t0, approvedAt, submittedAt, deliveredAt), done);

            MessageOutcome refused = probe.awaitEvent(MessageOutcome.class,
                    o -> o.messageId().equals(rejected.messageId()), TIMEOUT);
            assertEquals(new MessageOutcome(rejected.messageId(), pseudonym.of(rejected.recipient()), "acme-promo",
                    null, Category.MARKETING, "FR", null, null, null, Outcome.REJECTED, true,
                    RejectionReason.OPTED_OUT, null, rejectedAt, null, rejectedAt), refused);

            // The receipt was read (its facts are stored, without an approval): had it been emitted, it would be
            // on the topic now.
            await().atMost(TIMEOUT).until(() -> "DELIVERED/false".equals(storedOutcome(receiptFirst.messageId())));
            assertTrue(probe.eventsDuring(MessageOutcome.class, o -> o.messageId().equals(receiptFirst.messageId()),
                    Duration.ofSeconds(1)).isEmpty(), "a receipt was published before its approval was known");
            TestProducer.send(approval(receiptFirst, approvedAt));
            MessageOutcome joined = probe.awaitEvent(MessageOutcome.class,
                    o -> o.messageId().equals(receiptFirst.messageId()), TIMEOUT);
            assertEquals(Outcome.DELIVERED, joined.outcome());
            assertEquals(Encoding.GSM7, joined.encoding());
            assertEquals(deliveredAt, joined.finalAt());
            assertNull(joined.submittedAt(), "no SUBMITTED status was told");

            // A redelivered status emits the same record again: same ce_id, same value.
            ConsumerRecord<String, byte[]> first = probe.awaitRecords(r -> isOutcome(r, delivered.messageId(),
                    Outcome.DELIVERED), 1, TIMEOUT).get(0);
            TestProducer.send(status(delivered, DeliveryStatus.DELIVERED, deliveredAt));
            List<ConsumerRecord<String, byte[]>> again = probe.awaitRecords(r -> isOutcome(r, delivered.messageId(),
                    Outcome.DELIVERED), 2, TIMEOUT);
            assertEquals("outcome:" + delivered.messageId() + ":DELIVERED", TopicProbe.header(first, "ce_id").orElseThrow());
            assertEquals(TopicProbe.header(first, "ce_id"), TopicProbe.header(again.get(1), "ce_id"));
            assertEquals(new String(first.value(), StandardCharsets.UTF_8),
                    new String(again.get(1).value(), StandardCharsets.UTF_8));

            List<ConsumerRecord<String, byte[]>> mine = probe.seen().stream()
                    .filter(r -> numberOf.containsKey(messageIdOf(r))).toList();
            assertTrue(mine.size() >= 4, "records of the test: " + mine.size());
            for (ConsumerRecord<String, byte[]> record : mine) {
                assertEquals(pseudonym.of(numberOf.get(messageIdOf(record))), record.key());
                assertNoNumber(record, numbers);
            }
        }
    }

    /** Neither the number in E.164, nor its digits, nor its national significant number (without the 33). */
    private static void assertNoNumber(ConsumerRecord<String, byte[]> record, List<String> numbers) {
        StringBuilder all = new StringBuilder(record.key()).append('\n')
                .append(new String(record.value(), StandardCharsets.UTF_8));
        for (Header header : record.headers()) {
            all.append('\n').append(header.key()).append('=').append(new String(header.value(), StandardCharsets.UTF_8));
        }
        for (String number : numbers) {
            for (String form : List.of(number, number.substring(1), number.substring(3))) {
                assertFalse(all.toString().contains(form), "a form of the number in " + all);
            }
        }
    }

    private static boolean isOutcome(ConsumerRecord<String, byte[]> record, String messageId, Outcome outcome) {
        MessageOutcome event = EventCodec.decode(record.value(), MessageOutcome.class);
        return event.messageId().equals(messageId) && event.outcome() == outcome;
    }

    private static String messageIdOf(ConsumerRecord<String, byte[]> record) {
        return EventCodec.decode(record.value(), MessageOutcome.class).messageId();
    }
}
