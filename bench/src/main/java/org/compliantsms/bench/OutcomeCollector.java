package org.compliantsms.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.compliantsms.events.EventCodec;
import org.compliantsms.events.MalformedEventException;
import org.compliantsms.events.MessageRejected;
import org.compliantsms.events.MessageStatus;
import org.compliantsms.events.Topics;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads the outcome topics from where they ended when the bench started (all partitions, no consumer group) and
 * books each of the run's messages in the {@link Ledger}: a rejection, a status, or a dead letter.
 */
public final class OutcomeCollector implements AutoCloseable {
    /** Statuses that come from delivery receipts, after the submission's outcome: not a second outcome. */
    private static final Set<String> RECEIPT_STATUSES = Set.of("DELIVERED", "EXPIRED", "UNDELIVERABLE", "REJECTED",
            "UNKNOWN");

    private final KafkaConsumer<String, byte[]> consumer;
    private final BenchMessages messages;
    private final Ledger ledger;
    private final byte[] marker;
    private final Set<String> confirmationRecipients = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> confirmations = new ConcurrentHashMap<>();
    private final AtomicLong unreadable = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    /** Positions the consumer at the current end of the topics now, before anything of the run is produced. */
    public OutcomeCollector(BenchOptions options, BenchMessages messages, Ledger ledger) {
        this.messages = messages;
        this.ledger = ledger;
        this.marker = messages.idPrefix().getBytes(StandardCharsets.UTF_8);
        this.consumer = KafkaClients.followingConsumer(options.kafkaBootstrap(), "bench-outcomes");
        KafkaClients.assignAtEnd(consumer, List.of(Topics.MESSAGE_REJECTED, Topics.MESSAGE_STATUS,
                Topics.MESSAGE_REQUESTED_DLQ));
        this.thread = new Thread(this::pollUntilClosed, "bench-outcomes");
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Counts the outcomes of the confirmations sent to these numbers (their ids are not the bench's). */
    public void watchConfirmationsTo(String number) {
        confirmationRecipients.add(number);
    }

    public Map<String, Long> confirmations() {
        return new TreeMap<>(confirmations);
    }

    public long unreadable() {
        return unreadable.get();
    }

    private void pollUntilClosed() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    try {
                        book(record);
                    } catch (RuntimeException e) {
                        unreadable.incrementAndGet();
                    }
                }
            }
        } catch (RuntimeException e) {
            Log.info("outcome consumer stopped: %s", e);
        }
    }

    private void book(ConsumerRecord<String, byte[]> record) {
        byte[] value = record.value();
        if (value == null) {
            return;
        }
        if (!contains(value, marker)) {
            if (record.key() != null && confirmationRecipients.contains(record.key())) {
                bookConfirmation(record);
            }
            return;
        }
        long now = Clock.nowMicros();
        switch (record.topic()) {
            case Topics.MESSAGE_REJECTED -> {
                Outcome rejection = rejection(value);
                int index = messages.indexOf(rejection.messageId());
                if (index >= 0) {
                    ledger.outcome(index, "rejected " + rejection.label(), now);
                }
            }
            case Topics.MESSAGE_STATUS -> {
                Outcome status = status(value);
                int index = messages.indexOf(status.messageId());
                if (index < 0) {
                    return;
                }
                if (RECEIPT_STATUSES.contains(status.label())) {
                    ledger.receipt(status.label());
                    return;
                }
                if (status.label().equals("SUBMITTED") && status.occurredAt() != null) {
                    ledger.submittedStatus(index, Clock.micros(status.occurredAt()));
                }
                ledger.outcome(index, status.label(), now);
            }
            default -> {
                int index = messages.indexOf(tree(value).path("messageId").asText(null));
                if (index >= 0) {
                    ledger.outcome(index, "dead-lettered", now);
                }
            }
        }
    }

    private void bookConfirmation(ConsumerRecord<String, byte[]> record) {
        JsonNode tree = tree(record.value());
        if (!tree.path("messageId").asText("").startsWith("confirm-")) {
            return;
        }
        String label = switch (record.topic()) {
            case Topics.MESSAGE_REJECTED -> "rejected " + tree.path("reason").asText("?");
            case Topics.MESSAGE_STATUS -> tree.path("status").asText("?");
            default -> "dead-lettered";
        };
        confirmations.merge(label, 1L, Long::sum);
    }

    record Outcome(String messageId, String label, Instant occurredAt) {
    }

    /**
     * Bound without the schema check (the bench counts outcomes; checking the services' output against the schema is
     * their tests' work, and it cost the bench a fifth of a core at full speed); a record a newer contract wrote (an
     * unknown reason) is read as a tree.
     */
    private static Outcome rejection(byte[] value) {
        try {
            MessageRejected rejected = EventCodec.bind(value, MessageRejected.class);
            return new Outcome(rejected.messageId(), rejected.reason().name(), rejected.rejectedAt());
        } catch (MalformedEventException | NullPointerException e) {
            JsonNode tree = tree(value);
            return new Outcome(tree.path("messageId").asText(null), tree.path("reason").asText("?"), null);
        }
    }

    /** Bound as rejections are; a status this contract does not know yet is read as a tree. */
    private static Outcome status(byte[] value) {
        try {
            MessageStatus status = EventCodec.bind(value, MessageStatus.class);
            return new Outcome(status.messageId(), status.status().name(), status.occurredAt());
        } catch (MalformedEventException | NullPointerException e) {
            JsonNode tree = tree(value);
            Instant occurredAt = null;
            try {
                occurredAt = Instant.parse(tree.path("occurredAt").asText(""));
            } catch (java.time.format.DateTimeParseException unparsable) {
                // left without a time
            }
            return new Outcome(tree.path("messageId").asText(null), tree.path("status").asText("?"), occurredAt);
        }
    }

    private static JsonNode tree(byte[] value) {
        try {
            JsonNode tree = EventCodec.mapper().readTree(value);
            return tree == null ? EventCodec.mapper().missingNode() : tree;
        } catch (IOException e) {
            return EventCodec.mapper().missingNode();
        }
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer: for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!thread.isAlive()) {
            consumer.close(Duration.ofSeconds(2));
        }
    }
}
