package org.compliantsms.batch;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.WakeupException;
import org.compliantsms.events.EventCodec;
import org.compliantsms.events.EventType;
import org.compliantsms.events.MalformedEventException;
import org.compliantsms.events.SmsEvent;
import org.compliantsms.events.Topics;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;

/**
 * One consumer of one topic on its own thread: poll a batch, decode it (poison to the dead-letter topic), let the
 * handler decide, produce every output, and move the offsets only when all are acknowledged (or atomically with
 * them in a Kafka transaction). When anything fails the partitions are paused and rewound to the batch's first
 * record, the consumer reports not ready, and the same batch is handled again after a backoff: nothing holds a
 * record unacknowledged in a framework that could time it out, and nothing ever closes the consumer for good.
 */
final class BatchConsumerLoop<T extends SmsEvent> implements Runnable {
    private static final Logger LOG = Logger.getLogger(BatchConsumerLoop.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final int MAX_POLL_RECORDS = 1000;
    private static final int SECONDARY_MAX_POLL_RECORDS = 5000;
    /** A secondary consumer waits a little for fuller fetches: fewer, larger batches for its store. */
    private static final Map<String, String> SECONDARY_FETCH = Map.of("fetch.min.bytes", "262144",
            "fetch.max.wait.ms", "250");
    /** An open transaction of a process killed mid-batch blocks read_committed readers at most this long. */
    private static final String TRANSACTION_TIMEOUT_MS = "10000";
    private static final int COMMIT_ATTEMPTS = 3;

    private final BatchHandler<T> handler;
    private final Class<T> eventType;
    private final boolean checkSchema;
    private final String topic;
    private final BatchConfig config;
    private final BatchConfig.Consumer consumerConfig;
    private final OutputProducer shared;
    private final String clientId;
    private final BatchMetrics metrics;
    private final BatchTracing tracing;
    private final byte[] groupBytes;
    private final byte[] consumerBytes;

    private volatile boolean running = true;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile String waitingReason;
    private volatile Instant since = Instant.now();
    private final AtomicLong handled = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();

    private Producer<String, byte[]> transactionalProducer;
    private Instant retryAt;
    private Duration backoff;

    BatchConsumerLoop(BatchHandler<T> handler, BatchConfig config, OutputProducer shared, String instanceId,
            MeterRegistry registry, OpenTelemetry openTelemetry) {
        this.handler = handler;
        this.eventType = handler.eventType();
        this.config = config;
        this.consumerConfig = config.consumers().get(handler.name());
        this.checkSchema = consumerConfig.checkSchema();
        this.topic = consumerConfig.topic().orElseGet(() -> EventType.of(handler.eventType()).topic());
        this.shared = shared;
        this.clientId = config.clientId() + "-" + handler.name() + "-" + instanceId;
        this.metrics = new BatchMetrics(registry, handler.name(), topic);
        this.tracing = new BatchTracing(openTelemetry, handler.name());
        this.groupBytes = consumerConfig.groupId().getBytes(StandardCharsets.UTF_8);
        this.consumerBytes = handler.name().getBytes(StandardCharsets.UTF_8);
    }

    String name() {
        return handler.name();
    }

    ConsumerState state() {
        return new ConsumerState(handler.name(), running, waitingReason, since, handled.get(), deadLettered.get(),
                skipped.get(), consumerConfig.secondary());
    }

    void stop() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    @Override
    public void run() {
        while (running) {
            try {
                consume();
            } catch (WakeupException e) {
                // stop() was called
            } catch (RuntimeException | Error e) {
                // Never left closed: a new consumer rejoins the group after a pause.
                waiting("consumer failed: " + e);
                LOG.errorf(e, "%s: consumer failed; starting a new one in %s", handler.name(), config.maxBackoff());
                sleep(config.maxBackoff());
            }
        }
        closeTransactionalProducer();
        metrics.close();
    }

    private void consume() {
        Map<String, Object> props = KafkaClients.consumer(config.bootstrapServers(), clientId, consumerConfig.groupId(),
                consumerConfig.maxPollRecords().orElse(consumerConfig.secondary()
                        ? SECONDARY_MAX_POLL_RECORDS : MAX_POLL_RECORDS));
        if (consumerConfig.secondary()) {
            props.putAll(SECONDARY_FETCH);
        }
        props.putAll(consumerConfig.kafka());
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(props)) {
            consumer = c;
            metrics.bind(c);
            c.subscribe(List.of(topic), new PauseNewPartitionsWhileWaiting(c));
            LOG.infof("%s: consuming %s as group %s%s", handler.name(), topic, consumerConfig.groupId(),
                    consumerConfig.transactional() ? " (transactional)" : "");
            while (running) {
                resumeWhenDue(c);
                ConsumerRecords<String, byte[]> records = c.poll(POLL);
                if (records.isEmpty()) {
                    continue;
                }
                try {
                    process(c, records);
                    flowing();
                } catch (RuntimeException e) {
                    retryLater(c, records, e);
                }
            }
            commitPending(c);
        } finally {
            consumer = null;
            metrics.unbind();
        }
    }

    /** Waits for the commits still travelling (a synchronous commit of nothing completes the async ones first). */
    private void commitPending(KafkaConsumer<String, byte[]> c) {
        if (consumerConfig.transactional()) {
            return;
        }
        try {
            c.commitSync(Map.of());
        } catch (KafkaException e) {
            LOG.debugf("%s: pending offsets not committed (%s): the last batch will be delivered again", handler.name(),
                    e.toString());
        }
    }

    private void process(KafkaConsumer<String, byte[]> c, ConsumerRecords<String, byte[]> records) {
        long start = System.nanoTime();
        long startEpochNanos = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
        List<Received<T>> valid = new ArrayList<>(records.count());
        List<Output> outputs = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            // A record without a value (a tombstone) or with an empty one concerns every consumer: it is poison,
            // dead-lettered or skipped below, and no handler's look at the bytes has to expect null.
            byte[] value = record.value();
            if (value != null && value.length > 0 && !handler.concerns(record)) {
                continue;
            }
            try {
                valid.add(new Received<>(checkSchema
                        ? EventCodec.decode(record.value(), eventType)
                        : EventCodec.bind(record.value(), eventType), record));
            } catch (MalformedEventException e) {
                malformed(record, e, outputs);
                salvage(record, outputs).ifPresent(valid::add);
            }
        }
        if (!valid.isEmpty()) {
            outputs.addAll(checkSchema ? handler.handle(valid) : handleUnchecked(valid, outputs));
        }
        long dead = signDeadLetters(outputs);
        tracing.continueTraces(outputs, startEpochNanos);
        Map<TopicPartition, OffsetAndMetadata> offsets = nextOffsets(records);
        if (consumerConfig.transactional()) {
            publishInTransaction(c, outputs, offsets);
        } else {
            shared.sendAll(outputs);
            commit(c, offsets);
        }
        handled.addAndGet(valid.size());
        deadLettered.addAndGet(dead);
        metrics.handled(valid.size(), outputs, Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * Without waiting: the next batch is polled and decided while the commit travels. The consumer sends commits
     * in order; one that fails only means that the batch is delivered again, which every handler tolerates (the
     * outputs are acknowledged already and handlers are idempotent). The last one is awaited before a rebalance or
     * the consumer's close gives the partitions up.
     */
    private void commit(KafkaConsumer<String, byte[]> c, Map<TopicPartition, OffsetAndMetadata> offsets) {
        c.commitAsync(offsets, (committed, failure) -> {
            if (failure != null) {
                LOG.debugf("%s: offsets not committed (%s): the batch will be delivered again", handler.name(),
                        failure.toString());
            }
        });
    }

    /**
     * Records bound without the schema check: when the handler fails, the batch is checked against the schema;
     * records that break it go to the dead-letter topic and the rest is handled again. A failure with every record
     * valid (a dependency down) is the usual retry.
     */
    private List<Output> handleUnchecked(List<Received<T>> batch, List<Output> deadLetters) {
        try {
            return handler.handle(batch);
        } catch (RuntimeException failure) {
            List<Received<T>> valid = new ArrayList<>(batch.size());
            List<Output> broken = new ArrayList<>();
            int brokenCount = 0;
            for (Received<T> received : batch) {
                try {
                    EventCodec.decode(received.record().value(), eventType);
                    valid.add(received);
                } catch (MalformedEventException e) {
                    malformed(received.record(), e, broken);
                    brokenCount++;
                }
            }
            if (brokenCount == 0) {
                throw failure;
            }
            LOG.warnf("%s: a batch failed (%s) with %d records that break the schema", handler.name(), failure,
                    brokenCount);
            deadLetters.addAll(broken);
            return valid.isEmpty() ? List.of() : handler.handle(valid);
        }
    }

    /**
     * Names the consumer group and consumer that dead-lettered each record ({@link Output#DLQ_GROUP},
     * {@link Output#DLQ_CONSUMER}): several groups read one topic, and each deciding one dead-letters what it cannot
     * read. Also the handlers' own dead letters (a status with no outcome...). Returns how many there are.
     */
    private long signDeadLetters(List<Output> outputs) {
        long count = 0;
        for (Output output : outputs) {
            if (output.topic().endsWith(Topics.DLQ_SUFFIX)) {
                count++;
                if (output.headers().lastHeader(Output.DLQ_GROUP) == null) {
                    output.headers().add(Output.DLQ_GROUP, groupBytes);
                    output.headers().add(Output.DLQ_CONSUMER, consumerBytes);
                }
            }
        }
        return count;
    }

    /** To the dead-letter topic, or for a secondary consumer counted and skipped (the deciding one dead-letters it). */
    private void malformed(ConsumerRecord<String, byte[]> record, MalformedEventException e, List<Output> outputs) {
        if (!consumerConfig.secondary()) {
            outputs.add(deadLetter(record, e));
            return;
        }
        LOG.warnf("%s: %s-%d@%d skipped (malformed; the topic's deciding consumer dead-letters it): %s",
                handler.name(), record.topic(), record.partition(), record.offset(), e.getMessage());
        skipped.incrementAndGet();
        metrics.skipped(1);
    }

    /** The handler's salvage of a record just dead-lettered (the last output), marked on the dead letter. */
    private Optional<Received<T>> salvage(ConsumerRecord<String, byte[]> record, List<Output> outputs) {
        if (consumerConfig.secondary()) {
            return Optional.empty();
        }
        Optional<T> salvaged = handler.salvage(record);
        salvaged.ifPresent(event -> {
            outputs.get(outputs.size() - 1).headers().add(Output.DLQ_SALVAGED,
                    event.getClass().getSimpleName().getBytes(StandardCharsets.UTF_8));
            LOG.warnf("%s: %s-%d@%d salvaged as a %s (the dead letter says so)", handler.name(), record.topic(),
                    record.partition(), record.offset(), event.getClass().getSimpleName());
        });
        return salvaged.map(event -> new Received<>(event, record));
    }

    private Output deadLetter(ConsumerRecord<String, byte[]> record, MalformedEventException e) {
        LOG.warnf("%s: %s-%d@%d to the dead-letter topic: %s", handler.name(), record.topic(), record.partition(),
                record.offset(), e.getMessage());
        return Output.deadLetter(record, e.getMessage(), e);
    }

    private void publishInTransaction(KafkaConsumer<String, byte[]> c, List<Output> outputs,
            Map<TopicPartition, OffsetAndMetadata> offsets) {
        Producer<String, byte[]> producer = transactionalProducer();
        try {
            producer.beginTransaction();
            for (Output output : outputs) {
                producer.send(output.toRecord());
            }
            producer.sendOffsetsToTransaction(offsets, c.groupMetadata());
            commit(producer);
        } catch (ProducerFencedException | OutOfOrderSequenceException | InvalidProducerEpochException
                | AuthorizationException e) {
            closeTransactionalProducer();
            throw new RetryLaterException("transaction failed: " + e, e);
        } catch (KafkaException e) {
            try {
                producer.abortTransaction();
            } catch (KafkaException | IllegalStateException abortFailed) {
                // A commit that timed out cannot be aborted, only retried (IllegalStateException): this producer is
                // done with. The next one, with the same transactional id, completes or aborts what it left open.
                closeTransactionalProducer();
            }
            throw new RetryLaterException("transaction failed: " + e, e);
        } catch (IllegalStateException e) {
            // A producer left in a state it refuses to leave (a timed-out commit never completed) would refuse every
            // later batch: replace it, or the consumer waits forever after a broker outage.
            closeTransactionalProducer();
            throw new RetryLaterException("transaction failed: " + e, e);
        }
    }

    /**
     * commitTransaction; a timed-out one is retried, as the producer requires (it cannot be aborted then), a few
     * times: a broker that comes back within them completes the commit, and the batch is done without replaying it.
     */
    private void commit(Producer<String, byte[]> producer) {
        for (int attempt = 1;; attempt++) {
            try {
                producer.commitTransaction();
                return;
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                if (attempt >= COMMIT_ATTEMPTS) {
                    throw e;
                }
                LOG.warnf("%s: commit timed out (attempt %d of %d), retrying it: %s", handler.name(), attempt,
                        COMMIT_ATTEMPTS, e.getMessage());
            }
        }
    }

    private Producer<String, byte[]> transactionalProducer() {
        if (transactionalProducer == null) {
            Map<String, Object> props = KafkaClients.producer(config.bootstrapServers(), clientId + "-tx");
            props.putAll(config.producer());
            props.putAll(consumerConfig.kafka());
            // Stable within the process: a new producer after a failure fences and aborts the previous one at once.
            props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, clientId);
            props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, TRANSACTION_TIMEOUT_MS);
            KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props);
            try {
                producer.initTransactions();
            } catch (KafkaException e) {
                producer.close(Duration.ZERO);
                throw new RetryLaterException("cannot start transactions: " + e, e);
            }
            transactionalProducer = producer;
        }
        return transactionalProducer;
    }

    private void closeTransactionalProducer() {
        if (transactionalProducer != null) {
            transactionalProducer.close(Duration.ZERO);
            transactionalProducer = null;
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<String, byte[]>> list = records.records(partition);
            offsets.put(partition, new OffsetAndMetadata(list.get(list.size() - 1).offset() + 1));
        }
        return offsets;
    }

    private void retryLater(KafkaConsumer<String, byte[]> c, ConsumerRecords<String, byte[]> records,
            RuntimeException cause) {
        for (TopicPartition partition : records.partitions()) {
            c.seek(partition, records.records(partition).get(0).offset());
        }
        c.pause(c.assignment());
        backoff = backoff == null ? config.firstBackoff()
                : min(backoff.multipliedBy(2), config.maxBackoff());
        retryAt = Instant.now().plus(backoff);
        String reason = cause instanceof RetryLaterException ? cause.getMessage() : cause.toString();
        metrics.retrying();
        if (waitingReason == null) {
            LOG.warnf("%s: paused, a batch of %d waits (%s); retrying every %s at most", handler.name(),
                    records.count(), reason, config.maxBackoff());
            LOG.debug(handler.name() + ": the failure", cause);
        } else {
            LOG.debugf("%s: still waiting: %s", handler.name(), reason);
        }
        waiting(reason);
    }

    private void resumeWhenDue(KafkaConsumer<String, byte[]> c) {
        if (retryAt != null && !Instant.now().isBefore(retryAt)) {
            retryAt = null;
            c.resume(c.paused());
        }
    }

    private void waiting(String reason) {
        if (waitingReason == null) {
            since = Instant.now();
        }
        waitingReason = reason;
    }

    private void flowing() {
        metrics.flowing();
        if (waitingReason != null) {
            LOG.infof("%s: resumed after %s", handler.name(), Duration.between(since, Instant.now()));
            waitingReason = null;
            since = Instant.now();
        }
        backoff = null;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) < 0 ? a : b;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Partitions assigned while the consumer waits stay paused until the retry. */
    private final class PauseNewPartitionsWhileWaiting implements ConsumerRebalanceListener {
        private final KafkaConsumer<String, byte[]> c;

        PauseNewPartitionsWhileWaiting(KafkaConsumer<String, byte[]> c) {
            this.c = c;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (retryAt != null) {
                c.pause(partitions);
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            commitPending(c);
        }
    }
}
