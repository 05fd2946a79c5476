package org.compliantsms.compliance.consent;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.compliantsms.suppression.IndexCompleteness;
import org.compliantsms.suppression.IndexConfig;
import org.compliantsms.suppression.RedisBatch;
import org.compliantsms.suppression.RedisScripts;
import org.compliantsms.suppression.RedisUnavailableException;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;

/**
 * Keeps the consent index complete, as the suppression index is kept: checks its marker every
 * {@code suppression-index.check-interval} and, when it is missing or stale (Redis restarted, a failover, the first
 * start), rebuilds the index from the ledger, one replica at a time (a Redis lock renewed while it writes). The
 * writes are the index's last-writer-wins writes, so the live writers go on meanwhile; the marker is written with
 * the run_id read before the load began. {@link #rebuild()} does the same on demand (the admin endpoint).
 */
@ApplicationScoped
public class ConsentIndexRebuilder {
    private static final Logger LOG = Logger.getLogger(ConsentIndexRebuilder.class);
    static final String LOCK = "sms:consent:rebuild-lock";
    private static final int PIPELINE = 1_000;

    private final Redis redis;
    private final ConsentIndex index;
    private final ConsentLedger ledger;
    private final IndexConfig config;
    private final String instance = UUID.randomUUID().toString();
    private final ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "consent-index-check");
        thread.setDaemon(true);
        return thread;
    });
    private volatile String state = "UNKNOWN";
    private volatile String detail = "not checked yet";

    public ConsentIndexRebuilder(Redis redis, ConsentIndex index, ConsentLedger ledger, IndexConfig config) {
        this.redis = redis;
        this.index = index;
        this.ledger = ledger;
        this.config = config;
    }

    /** What a rebuild did: ledger rows read, index writes that changed something, how long it took. */
    public record Rebuilt(long records, long written, Duration took) {
    }

    void start(@Observes StartupEvent event) {
        checker.scheduleWithFixedDelay(this::checkQuietly, 0, config.checkInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        checker.shutdownNow();
    }

    public boolean complete() {
        return "COMPLETE".equals(state);
    }

    public String state() {
        return state;
    }

    public String detail() {
        return detail;
    }

    private void checkQuietly() {
        try {
            RedisBatch batch = new RedisBatch();
            RedisBatch.Reply<IndexCompleteness.State> marker = IndexCompleteness.read(batch, ConsentIndex.MARKER);
            batch.execute(redis, config.redisTimeout());
            if (marker.get().complete()) {
                status("COMPLETE", "every consent record is loaded");
                return;
            }
            if (!config.rebuildEnabled()) {
                status("WAITING", "incomplete; this replica does not rebuild");
                return;
            }
            if (rebuildUnderLock(marker.get().runId()) == null) {
                status("WAITING", "incomplete; another replica is rebuilding it");
            }
        } catch (RedisUnavailableException e) {
            status("REDIS_DOWN", e.getMessage());
        } catch (SQLException | RuntimeException e) {
            status("LEDGER_DOWN", "cannot read the consent ledger: " + e.getMessage());
        }
    }

    /**
     * Rebuilds the index from the whole ledger now and marks it complete.
     *
     * @return what it did, or null when another replica holds the rebuild lock
     */
    public Rebuilt rebuild() throws SQLException {
        RedisBatch batch = new RedisBatch();
        RedisBatch.Reply<IndexCompleteness.State> marker = IndexCompleteness.read(batch, ConsentIndex.MARKER);
        batch.execute(redis, config.redisTimeout());
        return rebuildUnderLock(marker.get().runId());
    }

    private Rebuilt rebuildUnderLock(String runId) throws SQLException {
        RedisBatch lock = new RedisBatch();
        RedisBatch.Reply<Boolean> taken = lock.add(Request.cmd(Command.SET).arg(LOCK).arg(instance).arg("NX").arg("PX")
                .arg(config.lockTtl().toMillis()), r -> r != null);
        lock.execute(redis, config.redisTimeout());
        if (!taken.get()) {
            return null;
        }
        try {
            return load(runId);
        } finally {
            try {
                RedisBatch release = new RedisBatch();
                release.add(RedisScripts.deleteIfEquals(LOCK, instance), r -> null);
                release.execute(redis, config.redisTimeout());
            } catch (RedisUnavailableException e) {
                // gone with Redis, or it expires after lockTtl
            }
        }
    }

    private Rebuilt load(String runId) throws SQLException {
        Instant start = Instant.now();
        status("REBUILDING", "loading the consent ledger");
        LOG.infof("consent index incomplete or asked for (Redis run %s): rebuilding from the ledger", runId);
        RedisBatch[] batch = { new RedisBatch() };
        long[] written = { 0 };
        List<RedisBatch.Reply<Boolean>> replies = new ArrayList<>();
        long records = ledger.forEachIndexed(record -> ConsentIndex.Entry.of(record.toChange()).ifPresent(entry -> {
            replies.add(index.write(batch[0], entry));
            if (batch[0].size() >= PIPELINE) {
                written[0] += flush(batch[0], replies);
                batch[0] = new RedisBatch();
            }
        }));
        written[0] += flush(batch[0], replies);
        RedisBatch finish = new RedisBatch();
        RedisBatch.Reply<IndexCompleteness.State> now = IndexCompleteness.read(finish, ConsentIndex.MARKER);
        finish.execute(redis, config.redisTimeout());
        if (!runId.equals(now.get().runId())) {
            status("WAITING", "Redis restarted during the rebuild: starting again");
            return new Rebuilt(records, written[0], Duration.between(start, Instant.now()));
        }
        RedisBatch mark = new RedisBatch();
        RedisBatch.Reply<Boolean> marked = IndexCompleteness.markerWriteIfHeld(mark, ConsentIndex.MARKER, runId, LOCK,
                instance);
        mark.execute(redis, config.redisTimeout());
        if (!marked.get()) {
            // Its lock is gone: Redis was emptied during the rebuild (FLUSHALL keeps the run_id), or the lock expired
            // and another replica took it. Not complete; the next check rebuilds again.
            status("WAITING", "the rebuild lost its lock (Redis emptied during the rebuild?): starting again");
            LOG.warn("consent index rebuild lost its lock (Redis emptied during the rebuild?): not marked complete");
            return new Rebuilt(records, written[0], Duration.between(start, Instant.now()));
        }
        Rebuilt rebuilt = new Rebuilt(records, written[0], Duration.between(start, Instant.now()));
        status("COMPLETE", "every consent record is loaded");
        LOG.infof("consent index rebuilt from %d ledger records (%d writes changed it) in %s", records, written[0],
                rebuilt.took());
        return rebuilt;
    }

    private long flush(RedisBatch batch, List<RedisBatch.Reply<Boolean>> replies) {
        batch.add(Request.cmd(Command.PEXPIRE).arg(LOCK).arg(config.lockTtl().toMillis()), r -> null);
        batch.execute(redis, config.redisTimeout());
        long changed = replies.stream().filter(RedisBatch.Reply::get).count();
        replies.clear();
        return changed;
    }

    private void status(String state, String detail) {
        if (!state.equals(this.state) && ("COMPLETE".equals(this.state) || "COMPLETE".equals(state))) {
            LOG.infof("consent index %s: %s", state, detail);
        }
        this.state = state;
        this.detail = detail;
    }
}
