package org.compliantsms.batch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The service's one non-transactional producer (thread-safe, shared): produces a list of outputs without waiting
 * one by one, then waits until every one is acknowledged.
 */
@ApplicationScoped
public class OutputProducer {
    private final BatchConfig config;
    private volatile Producer<String, byte[]> producer;

    public OutputProducer(BatchConfig config) {
        this.config = config;
    }

    /** Returns once Kafka acknowledged all of them; throws {@link RetryLaterException} otherwise. */
    public void sendAll(List<Output> outputs) {
        if (outputs.isEmpty()) {
            return;
        }
        Producer<String, byte[]> current = producer();
        List<Future<RecordMetadata>> acks = new ArrayList<>(outputs.size());
        try {
            for (Output output : outputs) {
                acks.add(current.send(output.toRecord()));
            }
            // Everything of the batch is appended: send it now rather than after linger.ms, then wait for the acks.
            current.flush();
        } catch (RuntimeException e) {
            throw new RetryLaterException("Kafka does not take records: " + e, e);
        }
        awaitAll(acks, config.produceTimeout());
    }

    static void awaitAll(List<Future<RecordMetadata>> acks, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                throw new RetryLaterException("Kafka did not acknowledge: " + e.getCause(), e.getCause());
            } catch (TimeoutException e) {
                throw new RetryLaterException("Kafka did not acknowledge within " + timeout, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RetryLaterException("interrupted while waiting for Kafka", e);
            }
        }
    }

    private Producer<String, byte[]> producer() {
        Producer<String, byte[]> current = producer;
        if (current == null) {
            synchronized (this) {
                if (producer == null) {
                    Map<String, Object> props = KafkaClients.producer(config.bootstrapServers(),
                            config.clientId() + "-" + UUID.randomUUID().toString().substring(0, 8));
                    props.putAll(config.producer());
                    producer = new KafkaProducer<>(props);
                }
                current = producer;
            }
        }
        return current;
    }

    @PreDestroy
    void close() {
        Producer<String, byte[]> current = producer;
        if (current != null) {
            current.close(Duration.ofSeconds(5));
        }
    }
}
