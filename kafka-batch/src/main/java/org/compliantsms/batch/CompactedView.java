package org.compliantsms.batch;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.compliantsms.events.EventCodec;
import org.compliantsms.events.EventType;
import org.compliantsms.events.MalformedEventException;
import org.compliantsms.events.SmsEvent;
import org.jboss.logging.Logger;

/**
 * Every partition of a compacted state topic (sms.programs.v1...) read from the beginning into the caller's view,
 * without a consumer group: each replica holds the whole state, nothing is committed. {@link #caughtUp()} turns true
 * once every record up to the end offsets taken at the start is applied; until then the view is incomplete and the
 * service should say so (readiness) and not decide from it.
 * <p>
 * Unlike {@link BatchConsumers}, a malformed record is not dead-lettered: every replica re-reads the whole topic at
 * every start and would dead-letter it again each time. It is skipped (the key keeps its previous state), logged
 * and counted in {@link #malformed()}. A record without a value is a tombstone: the key is deleted.
 */
public final class CompactedView<T extends SmsEvent> implements Runnable {
    private static final Logger LOG = Logger.getLogger(CompactedView.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration BACKOFF = Duration.ofSeconds(2);

    /** Applies one record of the topic to the caller's view. */
    public interface Listener<T> {
        /** @param value the key's new state, null when it was deleted (a tombstone) */
        void changed(String key, T value);
    }

    private final String bootstrapServers;
    private final String clientId;
    private final Class<T> eventType;
    private final String topic;
    private final Listener<T> listener;
    private final Map<TopicPartition, Long> positions = new HashMap<>();
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private volatile boolean running = true;
    private volatile boolean caughtUp;
    private volatile String waitingReason = "starting";
    private volatile Instant since = Instant.now();
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    public CompactedView(String bootstrapServers, String clientId, Class<T> eventType, Listener<T> listener) {
        this.bootstrapServers = bootstrapServers;
        this.clientId = clientId;
        this.eventType = eventType;
        this.topic = EventType.of(eventType).topic();
        this.listener = listener;
    }

    public synchronized void start() {
        if (thread == null) {
            thread = new Thread(this, "view-" + topic);
            thread.setDaemon(true);
            thread.start();
        }
    }

    public void stop() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    public String topic() {
        return topic;
    }

    /** Every record present when the view started has been applied. */
    public boolean caughtUp() {
        return caughtUp;
    }

    /** Why the view is not reading (broker down, topic missing), null while it reads. */
    public String waitingReason() {
        return waitingReason;
    }

    public Instant since() {
        return since;
    }

    public long applied() {
        return applied.get();
    }

    public long malformed() {
        return malformed.get();
    }

    @Override
    public void run() {
        while (running) {
            try {
                read();
            } catch (WakeupException e) {
                // stop() was called
            } catch (RuntimeException e) {
                waiting(e.toString());
                LOG.warnf("%s view: cannot read (%s); again in %s", topic, e.toString(), BACKOFF);
                sleep();
            }
        }
    }

    private void read() {
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(properties())) {
            consumer = c;
            List<TopicPartition> partitions = c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            if (partitions.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " does not exist");
            }
            c.assign(partitions);
            for (TopicPartition partition : partitions) {
                Long next = positions.get(partition);
                if (next == null) {
                    c.seekToBeginning(List.of(partition));
                } else {
                    c.seek(partition, next);
                }
            }
            Map<TopicPartition, Long> end = c.endOffsets(partitions);
            waitingReason = null;
            since = Instant.now();
            while (running) {
                for (ConsumerRecord<String, byte[]> record : c.poll(POLL)) {
                    apply(record);
                    positions.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
                }
                if (!caughtUp && end.entrySet().stream().allMatch(e -> c.position(e.getKey()) >= e.getValue())) {
                    caughtUp = true;
                    LOG.infof("%s view: caught up (%d records applied, %d malformed skipped)", topic, applied.get(),
                            malformed.get());
                }
            }
        } finally {
            consumer = null;
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            malformed.incrementAndGet();
            LOG.warnf("%s view: record without a key at %s-%d@%d skipped", topic, record.topic(), record.partition(),
                    record.offset());
            return;
        }
        if (record.value() == null) {
            listener.changed(record.key(), null);
            applied.incrementAndGet();
            return;
        }
        try {
            listener.changed(record.key(), EventCodec.decode(record.value(), eventType));
            applied.incrementAndGet();
        } catch (MalformedEventException e) {
            malformed.incrementAndGet();
            LOG.warnf("%s view: record %s at %d@%d skipped, the key keeps its previous state: %s", topic,
                    record.key(), record.partition(), record.offset(), e.getMessage());
        }
    }

    private Map<String, Object> properties() {
        Map<String, Object> props = new HashMap<>(KafkaSecurity.settings());
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return props;
    }

    private void waiting(String reason) {
        if (waitingReason == null) {
            since = Instant.now();
        }
        waitingReason = reason;
    }

    private void sleep() {
        try {
            Thread.sleep(BACKOFF.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
