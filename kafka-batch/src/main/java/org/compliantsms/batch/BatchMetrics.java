package org.compliantsms.batch;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.Consumer;
import org.compliantsms.events.Topics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;

/**
 * What one consumer loop did, for Prometheus: records handled, outputs by topic, dead letters, batches that had to
 * wait (a dependency down: the consumer fails closed), whether it is waiting now, how long batches take, and the
 * Kafka client's own metrics (records-lag-max among them). One instance per loop thread: no locking.
 */
final class BatchMetrics implements AutoCloseable {
    private final MeterRegistry registry;
    private final Tags tags;
    private final Counter records;
    private final Counter retries;
    private final Counter skipped;
    private final Timer batches;
    private final AtomicInteger waiting;
    private final Map<String, Counter> outputs = new HashMap<>();
    private KafkaClientMetrics clientMetrics;

    BatchMetrics(MeterRegistry registry, String consumer, String topic) {
        this.registry = registry;
        this.tags = Tags.of(Tag.of("consumer", consumer), Tag.of("topic", topic));
        this.records = Counter.builder("sms.batch.records").description("records handled (decoded and decided)")
                .tags(tags).register(registry);
        this.retries = Counter.builder("sms.batch.retries")
                .description("batches that failed and wait to be handled again (a dependency down or refusing)")
                .tags(tags).register(registry);
        this.skipped = Counter.builder("sms.batch.skipped")
                .description("malformed records a secondary consumer skipped (the topic's deciding consumer "
                        + "dead-letters them)")
                .tags(tags).register(registry);
        this.batches = Timer.builder("sms.batch.duration")
                .description("one batch: decode, decide, outputs acknowledged, offsets sent").tags(tags)
                .register(registry);
        this.waiting = registry.gauge("sms.batch.waiting", Tags.concat(tags), new AtomicInteger());
    }

    /** The Kafka consumer's client metrics (fetch lag, rates), until it is closed. */
    void bind(Consumer<?, ?> consumer) {
        unbind();
        clientMetrics = new KafkaClientMetrics(consumer, tags);
        clientMetrics.bindTo(registry);
    }

    void unbind() {
        if (clientMetrics != null) {
            clientMetrics.close();
            clientMetrics = null;
        }
    }

    void handled(int count, List<Output> produced, Duration took) {
        records.increment(count);
        batches.record(took);
        for (Output output : produced) {
            outputs.computeIfAbsent(output.topic(), this::outputCounter).increment();
        }
    }

    void skipped(int count) {
        skipped.increment(count);
    }

    void retrying() {
        retries.increment();
        waiting.set(1);
    }

    void flowing() {
        waiting.set(0);
    }

    private Counter outputCounter(String topic) {
        boolean deadLetter = topic.endsWith(Topics.DLQ_SUFFIX);
        return Counter.builder(deadLetter ? "sms.batch.dead.letters" : "sms.batch.outputs")
                .description(deadLetter ? "records sent to the dead-letter topic, with their reason"
                        : "records produced")
                .tags(tags).tag("output", topic).register(registry);
    }

    @Override
    public void close() {
        unbind();
    }
}
