package org.compliantsms.suppression;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.compliantsms.batch.KafkaSecurity;
import org.compliantsms.events.EventCodec;
import org.compliantsms.events.MalformedEventException;
import org.compliantsms.events.SuppressionState;
import org.compliantsms.events.Topics;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;

/**
 * Keeps the index complete: checks the completeness marker every second and, when it is missing or stale, rebuilds
 * the index from the compacted sms.suppression.v1 topic. One replica rebuilds (a Redis lock it renews while it
 * reads); the others wait and report it. The writes are the index's last-writer-wins writes, so the live writers
 * (inbound's fast path, compliance) may go on during the rebuild. The marker is written only after every record up
 * to the end offsets taken at the start was applied, with the run_id read before the load began.
 */
@ApplicationScoped
public class IndexRebuilder {
    private static final Logger LOG = Logger.getLogger(IndexRebuilder.class);
    static final String LOCK = "sms:suppression:rebuild-lock";
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    private final Redis redis;
    private final SuppressionIndex index;
    private final IndexConfig config;
    private final String instance = UUID.randomUUID().toString();
    private final ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "suppression-index-check");
        thread.setDaemon(true);
        return thread;
    });
    private volatile IndexStatus status = IndexStatus.unknown();

    public IndexRebuilder(Redis redis, SuppressionIndex index, IndexConfig config) {
        this.redis = redis;
        this.index = index;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        checker.scheduleWithFixedDelay(this::checkQuietly, 0, config.checkInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        checker.shutdownNow();
    }

    public IndexStatus status() {
        return status;
    }

    /**
     * Asks for a rebuild from sms.suppression.v1 (the admin endpoint): drops the completeness marker, so that lookups
     * fail closed and one replica rebuilds at its next check. The rebuild writes over what the index holds (last
     * writer wins), restoring any entry that is missing or older than the topic; it removes nothing.
     */
    public void requestRebuild() {
        RedisBatch drop = new RedisBatch();
        drop.add(Request.cmd(Command.DEL).arg(IndexCompleteness.MARKER), r -> null);
        drop.execute(redis, config.redisTimeout());
        LOG.info("suppression index rebuild requested: completeness marker dropped");
    }

    private void checkQuietly() {
        try {
            check();
        } catch (RuntimeException e) {
            if (status.complete() || status.redisReachable()) {
                LOG.warnf("suppression index: cannot check completeness: %s", e.getMessage());
            }
            status = IndexStatus.redisDown(e.getMessage());
        }
    }

    private void check() {
        RedisBatch batch = new RedisBatch();
        RedisBatch.Reply<IndexCompleteness.State> state = IndexCompleteness.read(batch);
        batch.execute(redis, config.redisTimeout());
        if (state.get().complete()) {
            if (!status.complete()) {
                LOG.info("suppression index complete");
            }
            status = IndexStatus.completeIndex();
            return;
        }
        if (!config.rebuildEnabled()) {
            status = IndexStatus.waiting("incomplete; this replica does not rebuild");
            return;
        }
        RedisBatch lock = new RedisBatch();
        RedisBatch.Reply<Boolean> taken = lock.add(Request.cmd(Command.SET).arg(LOCK).arg(instance).arg("NX").arg("PX")
                .arg(config.lockTtl().toMillis()), r -> r != null);
        lock.execute(redis, config.redisTimeout());
        if (!taken.get()) {
            if (!status.waitingForAnother()) {
                LOG.info("suppression index incomplete: another replica is rebuilding it; waiting");
            }
            status = IndexStatus.waiting("incomplete; another replica is rebuilding it");
            return;
        }
        try {
            rebuild(state.get().runId());
        } finally {
            releaseLock();
        }
    }

    /** Frees the lock if this replica still holds it (after a rebuild, or a failed one: the next check retries). */
    private void releaseLock() {
        try {
            RedisBatch release = new RedisBatch();
            release.add(RedisScripts.deleteIfEquals(LOCK, instance), r -> null);
            release.execute(redis, config.redisTimeout());
        } catch (RedisUnavailableException e) {
            // Redis is gone; so is the lock, or it expires after lockTtl.
        }
    }

    private void rebuild(String runId) {
        Instant start = Instant.now();
        LOG.infof("suppression index incomplete (Redis run %s): rebuilding from %s", runId, Topics.SUPPRESSION);
        long applied = 0;
        long skipped = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProperties())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.SUPPRESSION, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long total = end.values().stream().mapToLong(Long::longValue).sum();
            Instant lastProgress = Instant.now();
            status = IndexStatus.rebuilding(0, total);
            while (!reachedEnd(consumer, end)) {
                RedisBatch batch = new RedisBatch();
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        index.write(batch, EventCodec.decode(record.value(), SuppressionState.class));
                        applied++;
                    } catch (MalformedEventException e) {
                        skipped++;
                    }
                }
                batch.add(Request.cmd(Command.PEXPIRE).arg(LOCK).arg(config.lockTtl().toMillis()), r -> null);
                batch.execute(redis, config.redisTimeout());
                status = IndexStatus.rebuilding(applied, total);
                if (Duration.between(lastProgress, Instant.now()).compareTo(PROGRESS_EVERY) >= 0) {
                    LOG.infof("suppression index rebuild: %d of at most %d records", applied, total);
                    lastProgress = Instant.now();
                }
            }
        }
        RedisBatch finish = new RedisBatch();
        RedisBatch.Reply<IndexCompleteness.State> now = IndexCompleteness.read(finish);
        finish.execute(redis, config.redisTimeout());
        if (!runId.equals(now.get().runId())) {
            LOG.warn("Redis restarted during the rebuild: starting again");
            return;
        }
        RedisBatch mark = new RedisBatch();
        RedisBatch.Reply<Boolean> marked = IndexCompleteness.markerWriteIfHeld(mark, IndexCompleteness.MARKER, runId,
                LOCK, instance);
        mark.execute(redis, config.redisTimeout());
        if (!marked.get()) {
            // Its lock is gone: Redis was emptied (FLUSHALL) during the rebuild, or the lock expired and another
            // replica took it. What was written before may be gone: not complete; the next check rebuilds again.
            LOG.warn("suppression index rebuild lost its lock (Redis emptied during the rebuild?): not marked"
                    + " complete, starting again");
            return;
        }
        status = IndexStatus.completeIndex();
        LOG.infof("suppression index rebuilt from %d records in %s (%d malformed skipped)", applied,
                Duration.between(start, Instant.now()), skipped);
    }

    private static boolean reachedEnd(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private Map<String, Object> consumerProperties() {
        Map<String, Object> props = new HashMap<>(KafkaSecurity.settings());
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "suppression-index-rebuild-" + instance.substring(0, 8));
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return props;
    }
}
