package org.compliantsms.batch;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Client settings chosen on purpose; docs/operations.md explains each. */
public final class KafkaClients {
    private KafkaClients() {
    }

    public static Map<String, Object> producer(String bootstrap, String clientId) {
        Map<String, Object> props = new HashMap<>(KafkaSecurity.settings());
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        // Durable before the input offset moves: all in-sync replicas, no duplicates from producer retries.
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        // A batch's outputs leave together: a short linger fills record batches without adding visible latency.
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        // JSON events compress 3-5x with lz4 at little CPU: fewer bytes through the broker and its disk (measured
        // without: no less CPU in all, the broker copying more bytes). batch.producer."compression.type" overrides.
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // Fail a batch well inside the consumer's max.poll.interval.ms, so it is retried, not rebalanced away.
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        return props;
    }

    public static Map<String, Object> consumer(String bootstrap, String clientId, String groupId, int maxPollRecords) {
        Map<String, Object> props = new HashMap<>(KafkaSecurity.settings());
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        // Offsets move only after the batch's outputs are acknowledged (or with them, in a transaction).
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Never act on records of an aborted transaction (compliance produces transactionally).
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(maxPollRecords));
        // Return as soon as anything is there (an opt-out must not wait for a batch to fill), but take up to
        // 1 MiB per partition when a backlog exists.
        props.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, "1");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(1024 * 1024));
        // Cooperative rebalancing: a replica joining or leaving does not stop every partition of the group.
        props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                "org.apache.kafka.clients.consumer.CooperativeStickyAssignor");
        return props;
    }
}
