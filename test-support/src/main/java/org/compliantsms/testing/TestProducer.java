package org.compliantsms.testing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.compliantsms.events.InstantText;
import org.compliantsms.events.EventCodec;
import org.compliantsms.events.EventType;
import org.compliantsms.events.SmsEvent;

/** Produces records to the real broker as another team would: events of the contract, or any bytes. */
public final class TestProducer {
    /** One producer per broker, kept for the test JVM. */
    private static final Map<String, KafkaProducer<String, byte[]>> PRODUCERS = new HashMap<>();

    private TestProducer() {
    }

    private static KafkaProducer<String, byte[]> producer() {
        return producer(Platform.kafkaBootstrap());
    }

    private static synchronized KafkaProducer<String, byte[]> producer(String bootstrap) {
        return PRODUCERS.computeIfAbsent(bootstrap, b -> {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, b);
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            return new KafkaProducer<>(props);
        });
    }

    /** Sends an event with its key and binary-mode CloudEvents headers, and waits for the broker's ack. */
    public static void send(SmsEvent event) {
        await(producer().send(record(event)));
    }

    /** The same to another broker than the platform's (a test's own {@link KafkaBrokerProcess}). */
    public static void send(String bootstrap, SmsEvent event) {
        await(producer(bootstrap).send(record(event)));
    }

    private static ProducerRecord<String, byte[]> record(SmsEvent event) {
        EventType type = EventType.of(event.getClass());
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(type.topic(), event.partitionKey(),
                EventCodec.encode(event));
        cloudEvents(type, event.eventId(), event.eventTime())
                .forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    /**
     * The binary-mode CloudEvents headers a producer of the contract gives an event of that type (source "test"),
     * e.g. for raw bytes sent with {@link #send(String, String, byte[], Map)} whose value alone is bad.
     */
    public static Map<String, String> cloudEvents(EventType type, String id, Instant time) {
        return Map.of("ce_specversion", "1.0",
                "ce_id", id,
                "ce_type", type.ceType(),
                "ce_source", "test",
                "ce_time", InstantText.format(time),
                "content-type", "application/json");
    }

    /** Sends many events at once (they arrive in the same batches), then waits until the broker acked them all. */
    public static void sendAll(List<? extends SmsEvent> events) {
        sendAll(Platform.kafkaBootstrap(), events);
    }

    /** {@link #sendAll(List)} to another broker than the platform's. */
    public static void sendAll(String bootstrap, List<? extends SmsEvent> events) {
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (SmsEvent event : events) {
            acks.add(producer(bootstrap).send(record(event)));
        }
        acks.forEach(TestProducer::await);
    }

    private static void await(Future<RecordMetadata> ack) {
        try {
            ack.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not produce", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends raw bytes (a malformed record, say) and waits for the broker's ack: where it was written. */
    public static RecordMetadata send(String topic, String key, byte[] value, Map<String, String> headers) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        try {
            return producer().send(record).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not produce to " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
