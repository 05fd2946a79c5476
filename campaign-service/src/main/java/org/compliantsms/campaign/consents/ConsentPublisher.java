package org.compliantsms.campaign.consents;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.compliantsms.batch.BatchConfig;
import org.compliantsms.batch.KafkaClients;
import org.compliantsms.batch.Output;
import org.compliantsms.events.ConsentChanged;

/**
 * Publishes the consent records of an audience upload to sms.consent-changed.v1 (compliance-service's consent
 * ledger records every change it consumes there) and returns, per partition, the highest offset Kafka acknowledged:
 * the emission waits until compliance's consumer group has passed them (ConsentBarrier).
 */
@ApplicationScoped
public class ConsentPublisher {
    /** Above the producer's delivery timeout (30 s): a send that fails is reported by Kafka before this. */
    private static final Duration ACKNOWLEDGED_WITHIN = Duration.ofSeconds(45);
    static final String SOURCE = "campaign-service";

    private final BatchConfig config;
    private volatile Producer<String, byte[]> producer;

    public ConsentPublisher(BatchConfig config) {
        this.config = config;
    }

    /**
     * Blocks until Kafka acknowledged every one.
     *
     * @return partition → the highest offset written there
     * @throws IllegalStateException when one was not acknowledged
     */
    public Map<Integer, Long> publish(List<ConsentChanged> changes) {
        Map<Integer, Long> through = new TreeMap<>();
        if (changes.isEmpty()) {
            return through;
        }
        Producer<String, byte[]> current = producer();
        List<Future<RecordMetadata>> acks = new ArrayList<>(changes.size());
        for (ConsentChanged change : changes) {
            Output record = Output.event(change, SOURCE);
            acks.add(current.send(new ProducerRecord<>(record.topic(), null, record.key(), record.value(),
                    record.headers())));
        }
        current.flush();
        long deadline = System.nanoTime() + ACKNOWLEDGED_WITHIN.toNanos();
        for (Future<RecordMetadata> ack : acks) {
            try {
                RecordMetadata written = ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                through.merge(written.partition(), written.offset(), Math::max);
            } catch (ExecutionException e) {
                throw new IllegalStateException("Kafka did not acknowledge a consent record: " + e.getCause(), e);
            } catch (TimeoutException e) {
                throw new IllegalStateException("Kafka did not acknowledge the consent records within "
                        + ACKNOWLEDGED_WITHIN, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Kafka", e);
            }
        }
        return through;
    }

    private Producer<String, byte[]> producer() {
        Producer<String, byte[]> current = producer;
        if (current == null) {
            synchronized (this) {
                if (producer == null) {
                    Map<String, Object> props = KafkaClients.producer(config.bootstrapServers(),
                            config.clientId() + "-consents");
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
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
