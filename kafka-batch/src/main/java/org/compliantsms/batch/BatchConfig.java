package org.compliantsms.batch;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The batch consumers of a service. Client settings are tuned in {@link KafkaClients}; see docs/operations.md for
 * why each value.
 */
@ConfigMapping(prefix = "batch")
public interface BatchConfig {

    /** Defaults to the service's {@code kafka.bootstrap.servers}. */
    @WithDefault("${kafka.bootstrap.servers:localhost:9092}")
    String bootstrapServers();

    /** Prefix of client and transactional ids. */
    @WithDefault("${quarkus.application.name:service}")
    String clientId();

    /** Wait before handling a failed batch again; doubles up to {@link #maxBackoff()}. */
    @WithDefault("200ms")
    Duration firstBackoff();

    @WithDefault("5s")
    Duration maxBackoff();

    /** How long a batch's outputs may take to be acknowledged before the batch is treated as failed. */
    @WithDefault("30s")
    Duration produceTimeout();

    /** Extra Kafka client properties for every producer of the service's consumers (e.g. compression.type). */
    Map<String, String> producer();

    Map<String, Consumer> consumers();

    interface Consumer {
        /** Consumer group; the replicas of a service share it. */
        String groupId();

        @WithDefault("true")
        boolean enabled();

        /**
         * Consumers of this group in this process, each on its own thread and partitions: while one waits for Redis,
         * the carrier or Kafka, another decides. Per-key order holds (a partition has one consumer).
         */
        @WithDefault("1")
        int threads();

        /** Upper bound of one batch: 1,000 by default, 5,000 for a {@link #secondary()} consumer. */
        Optional<Integer> maxPollRecords();

        /**
         * A consumer that records what the topic's deciding consumers did (a timeline, analytics) rather than
         * deciding itself: it may lag without harm, so while it waits for its store the service stays ready (the
         * wait is in the readiness check's data and in {@code sms.batch.waiting}); it fetches larger batches
         * (5,000 records, {@code fetch.min.bytes} 256 KiB, {@code fetch.max.wait.ms} 250, each overridable in
         * {@link #kafka()}); and a malformed record is counted ({@code sms.batch.skipped}) and skipped, not sent to
         * the dead-letter topic a second time: the topic's deciding consumer dead-letters it.
         */
        @WithDefault("false")
        boolean secondary();

        /**
         * Outputs and offsets in one Kafka transaction (consume-transform-produce, exactly once for readers with
         * isolation.level=read_committed).
         */
        @WithDefault("false")
        boolean transactional();

        /**
         * Check each record against its event's JSON Schema before binding it. False only for topics that the
         * platform's own services alone write: records are then bound directly ({@code EventCodec.bind}: no type
         * coercion, unknown enum values refused, and the event's cheap {@code BoundContract} checks, which for
         * MessageApproved are its required fields, the schema's lengths and bounds, a body that fits its segment count
         * and an E.164 recipient: what fails goes to the dead-letter topic at once), and checked against the whole
         * schema only if the handler fails on a batch (a record that breaks it goes to the dead-letter topic, the rest
         * is handled again), so a poison record still never blocks the partition.
         */
        @WithDefault("true")
        boolean checkSchema();

        /** Extra Kafka client properties for this consumer and its producer (e.g. fetch sizes). */
        Map<String, String> kafka();

        /** Topic override (tests); the event type's topic otherwise. */
        Optional<String> topic();
    }
}
