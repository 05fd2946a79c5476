package org.compliantsms.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The raw limit of the broker on this machine: the same N records (same keys, bodies and headers) relayed by a
 * plain consume-and-produce loop, acks=all, through two throw-away topics of 6 partitions. No business logic, no
 * Redis, no SMPP: what a pipeline that does nothing but move records could reach.
 */
public final class RelayBenchmark {
    private static final int PARTITIONS = 6;

    private final BenchOptions options;
    private final String inTopic;
    private final String outTopic;

    public RelayBenchmark(BenchOptions options, String runId) {
        this.options = options;
        this.inTopic = "bench.relay-in." + runId;
        this.outTopic = "bench.relay-out." + runId;
    }

    /**
     * @param records how many records were relayed and acknowledged; {@code complete} is false when the deadline
     *            cut the phase short (then the rate covers what was relayed)
     */
    public record Result(int planned, long loaded, long relayed, Double loadSeconds, Double relaySeconds,
            Double recordsPerSecond, boolean complete, String note) {
    }

    public Result run(BenchMessages messages, Deadline deadline) {
        try (Admin admin = KafkaClients.admin(options.kafkaBootstrap())) {
            admin.createTopics(List.of(new NewTopic(inTopic, PARTITIONS, (short) 1),
                    new NewTopic(outTopic, PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
            try {
                return loadAndRelay(messages, deadline);
            } finally {
                deleteTopics(admin);
            }
        } catch (ExecutionException | TimeoutException e) {
            return new Result(messages.size(), 0, 0, null, null, null, false, "relay topics not created: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(messages.size(), 0, 0, null, null, null, false, "interrupted");
        }
    }

    private Result loadAndRelay(BenchMessages messages, Deadline deadline) {
        int planned = messages.size();
        long loadStart = System.nanoTime();
        long loaded = load(messages, deadline);
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        Log.info("relay: %,d records in %s (%.1f s); relaying", loaded, inTopic, loadSeconds);
        AtomicLong acked = new AtomicLong();
        AtomicLong lastAckNanos = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long firstRecordNanos = 0;
        try (KafkaConsumer<String, byte[]> consumer = KafkaClients.consumer(options.kafkaBootstrap(), "bench-relay");
                KafkaProducer<String, byte[]> producer = KafkaClients.producer(options.kafkaBootstrap(),
                        "bench-relay")) {
            List<TopicPartition> partitions = KafkaClients.partitions(consumer, List.of(inTopic));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long consumed = 0;
            while (consumed < loaded && !deadline.passed() && failure.get() == null) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    if (firstRecordNanos == 0) {
                        firstRecordNanos = System.nanoTime();
                    }
                    producer.send(new ProducerRecord<>(outTopic, null, record.key(), record.value(),
                            record.headers()), (metadata, error) -> {
                                if (error != null) {
                                    failure.compareAndSet(null, error);
                                } else {
                                    acked.incrementAndGet();
                                    lastAckNanos.accumulateAndGet(System.nanoTime(), Math::max);
                                }
                            });
                    consumed++;
                }
            }
            producer.flush();
        }
        boolean complete = acked.get() == planned && failure.get() == null;
        if (firstRecordNanos == 0 || acked.get() == 0) {
            return new Result(planned, loaded, 0, loadSeconds, null, null, false, "nothing relayed");
        }
        double seconds = (lastAckNanos.get() - firstRecordNanos) / 1e9;
        return new Result(planned, loaded, acked.get(), round(loadSeconds), round(seconds),
                Math.round(acked.get() / seconds * 10) / 10.0, complete,
                failure.get() == null ? (complete ? null : "cut by the phase limit") : "send failed: " + failure.get());
    }

    private long load(BenchMessages messages, Deadline deadline) {
        AtomicLong acked = new AtomicLong();
        try (KafkaProducer<String, byte[]> producer = KafkaClients.producer(options.kafkaBootstrap(), "bench-load")) {
            for (int i = 0; i < messages.size() && !deadline.passed(); i++) {
                ProducerRecord<String, byte[]> record = CloudEventRecords.of(messages.request(i, Instant.now()));
                producer.send(CloudEventRecords.copyTo(inTopic, record), (metadata, error) -> {
                    if (error == null) {
                        acked.incrementAndGet();
                    }
                });
            }
            producer.flush();
        }
        return acked.get();
    }

    private void deleteTopics(Admin admin) {
        try {
            admin.deleteTopics(List.of(inTopic, outTopic)).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Log.info("relay: could not delete %s and %s: %s", inTopic, outTopic, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }
}
