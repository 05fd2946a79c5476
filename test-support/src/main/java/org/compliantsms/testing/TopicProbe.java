package org.compliantsms.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.compliantsms.events.EventCodec;
import org.compliantsms.events.MalformedEventException;
import org.compliantsms.events.SmsEvent;

/**
 * Reads one topic through the real broker from the moment it is opened (all partitions, no consumer group),
 * so a test sees only what happened after it started and asserts on its own records.
 */
public final class TopicProbe implements AutoCloseable {
    private final String topic;
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

    private TopicProbe(String topic, String bootstrap) {
        this.topic = topic;
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // What the services' consumers see: records of aborted transactions never count.
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .collect(Collectors.toList());
        if (partitions.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " does not exist: is the platform up?");
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve "end" now, not at the first poll
    }

    public static TopicProbe open(String topic) {
        return new TopicProbe(topic, Platform.kafkaBootstrap());
    }

    /** The same on another broker than the platform's (a test's own {@link KafkaBrokerProcess}). */
    public static TopicProbe open(String topic, String bootstrap) {
        return new TopicProbe(topic, bootstrap);
    }

    /** Waits until {@code count} records match; fails with what was seen when the time is up. */
    public List<ConsumerRecord<String, byte[]>> awaitRecords(Predicate<ConsumerRecord<String, byte[]>> match,
            int count, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            List<ConsumerRecord<String, byte[]>> matching = seen.stream().filter(match).collect(Collectors.toList());
            if (matching.size() >= count) {
                return matching;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("expected " + count + " matching records on " + topic + " within " + timeout
                        + ", found " + matching.size() + " among " + seen.size() + " seen");
            }
            poll();
        }
    }

    /** Waits until {@code count} events of that type match (records that are not such events never match). */
    public <T extends SmsEvent> List<T> awaitEvents(Class<T> type, Predicate<T> match, int count, Duration timeout) {
        Predicate<ConsumerRecord<String, byte[]>> recordMatch = r -> decode(r, type).filter(match).isPresent();
        return awaitRecords(recordMatch, count, timeout).stream()
                .map(r -> decode(r, type).orElseThrow())
                .collect(Collectors.toList());
    }

    public <T extends SmsEvent> T awaitEvent(Class<T> type, Predicate<T> match, Duration timeout) {
        return awaitEvents(type, match, 1, timeout).get(0);
    }

    /** Reads for the whole duration and returns the matching events (to prove something did not happen). */
    public <T extends SmsEvent> List<T> eventsDuring(Class<T> type, Predicate<T> match, Duration during) {
        Instant deadline = Instant.now().plus(during);
        while (Instant.now().isBefore(deadline)) {
            poll();
        }
        return seen.stream().flatMap(r -> decode(r, type).stream()).filter(match).collect(Collectors.toList());
    }

    /** The record as an event of that type; empty for a malformed record (another test's poison, say). */
    public static <T extends SmsEvent> Optional<T> decode(ConsumerRecord<String, byte[]> record, Class<T> type) {
        try {
            return Optional.of(EventCodec.decode(record.value(), type));
        } catch (MalformedEventException e) {
            return Optional.empty();
        }
    }

    /** Everything read so far. */
    public List<ConsumerRecord<String, byte[]>> seen() {
        poll();
        return List.copyOf(seen);
    }

    public static Optional<String> header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    private void poll() {
        consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
