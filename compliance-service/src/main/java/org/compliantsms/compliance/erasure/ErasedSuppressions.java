package org.compliantsms.compliance.erasure;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.compliantsms.batch.RetryLaterException;
import org.compliantsms.events.ConsentChanged;
import org.compliantsms.events.SuppressionScope;
import org.compliantsms.suppression.IndexCompleteness;
import org.compliantsms.suppression.RedisBatch;
import org.compliantsms.suppression.RedisScripts;
import org.compliantsms.suppression.erased.ErasedSuppressionIndex;
import org.compliantsms.suppression.erased.NumberHmac;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;

/**
 * The suppression of erased numbers, keyed by {@link NumberHmac}: PostgreSQL ({@code erased_suppression}) keeps it,
 * Redis holds a copy ({@link ErasedSuppressionIndex}) that the screening and dispatch read in their pipelined round
 * trips. The copy is complete once loaded since the Redis server started (the marker holds its run_id, as the index's own marker): until then the
 * screening waits (fail closed), and a check every second loads it again after a Redis restart.
 */
@ApplicationScoped
public class ErasedSuppressions {
    private static final Logger LOG = Logger.getLogger(ErasedSuppressions.class);
    private static final Duration REDIS_TIMEOUT = Duration.ofSeconds(5);
    private static final int LOAD_BATCH = 1000;
    private static final String UPSERT = """
            insert into erased_suppression (number_hmac, scope, since, consent_event_id) values (?, ?, ?, ?)
            on conflict (number_hmac, scope) do update set since = excluded.since,
            consent_event_id = excluded.consent_event_id where erased_suppression.since < excluded.since""";
    private static final String LIFT = """
            delete from erased_suppression where number_hmac = ? and scope = ? and since < ?""";
    private static final String STILL = "select 1 from erased_suppression where number_hmac = ? and scope = ?";
    private static final String ALL = "select number_hmac, scope, since, consent_event_id from erased_suppression";

    private final NumberHmac hmac;
    private final DataSource dataSource;
    private final Redis redis;
    private final ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "erased-suppressions-check");
        thread.setDaemon(true);
        return thread;
    });

    public ErasedSuppressions(NumberHmac hmac, DataSource dataSource, Redis redis) {
        this.hmac = hmac;
        this.dataSource = dataSource;
        this.redis = redis;
    }

    void start(@Observes StartupEvent event) {
        checker.scheduleWithFixedDelay(this::loadIfNeededQuietly, 0, 1, TimeUnit.SECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        checker.shutdownNow();
    }

    /**
     * Keeps these scopes of an erased number suppressed: in PostgreSQL, then in Redis. Throws when either fails (the
     * erasure then stops before it removes anything).
     */
    public void keep(String numberHmac, List<Scope> scopes) {
        if (scopes.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            for (Scope scope : scopes) {
                upsert.setString(1, numberHmac);
                upsert.setString(2, scope.scope());
                upsert.setTimestamp(3, Timestamp.from(scope.since()));
                upsert.setString(4, scope.consentEventId());
                upsert.addBatch();
            }
            upsert.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL cannot keep the erased suppression: " + e.getMessage(), e);
        }
        RedisBatch writes = new RedisBatch();
        for (Scope scope : scopes) {
            writes.add(hset(numberHmac, scope), r -> null);
        }
        writes.execute(redis, REDIS_TIMEOUT);
    }

    /**
     * Opt-ins of numbers that may have been erased: one newer than an erased number's suppression of that program
     * lifts it, as the index's last-writer-wins write does for a number in clear (an opt-in never lifts a global
     * opt-out). Idempotent: a redelivered opt-in removes the Redis copy again, harmlessly.
     *
     * @return how many erased suppressions were lifted
     */
    public int liftByOptIns(List<ConsentChanged> optIns) {
        if (optIns.isEmpty()) {
            return 0;
        }
        int lifted = 0;
        RedisBatch removals = new RedisBatch();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement lift = connection.prepareStatement(LIFT);
                PreparedStatement still = connection.prepareStatement(STILL)) {
            for (ConsentChanged optIn : optIns) {
                String numberHmac = hmac.of(optIn.recipient());
                String scope = SuppressionScope.program(optIn.programId());
                lift.setString(1, numberHmac);
                lift.setString(2, scope);
                lift.setTimestamp(3, Timestamp.from(optIn.occurredAt()));
                lifted += lift.executeUpdate();
                still.setString(1, numberHmac);
                still.setString(2, scope);
                try (ResultSet rows = still.executeQuery()) {
                    if (!rows.next()) {
                        removals.add(ErasedSuppressionIndex.lift(numberHmac, scope), r -> null);
                    }
                }
            }
        } catch (SQLException e) {
            throw new RetryLaterException("PostgreSQL cannot lift erased suppressions: " + e.getMessage(), e);
        }
        removals.execute(redis, REDIS_TIMEOUT);
        if (lifted > 0) {
            LOG.infof("%d erased suppressions lifted by a newer opt-in", lifted);
        }
        return lifted;
    }

    private void loadIfNeededQuietly() {
        try {
            loadIfNeeded();
        } catch (RuntimeException e) {
            LOG.debugf("erased suppressions not loaded yet: %s", e.toString());
        }
    }

    /** Loads every erased suppression into Redis unless it was loaded since the server started. */
    void loadIfNeeded() {
        RedisBatch check = new RedisBatch();
        RedisBatch.Reply<IndexCompleteness.State> loaded = ErasedSuppressionIndex.loaded(check);
        check.execute(redis, REDIS_TIMEOUT);
        if (loaded.get().complete()) {
            return;
        }
        String runId = loaded.get().runId();
        // A key of this load: a FLUSHALL during it takes the key too, and then the marker is not written.
        String token = UUID.randomUUID().toString();
        RedisBatch begin = new RedisBatch();
        begin.add(Request.cmd(Command.SET).arg(ErasedSuppressionIndex.LOADING).arg(token).arg("PX")
                .arg(Duration.ofMinutes(10).toMillis()), r -> null);
        begin.execute(redis, REDIS_TIMEOUT);
        int count = 0;
        RedisBatch.Reply<Boolean> marked;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement all = connection.prepareStatement(ALL)) {
                all.setFetchSize(LOAD_BATCH);
                try (ResultSet rows = all.executeQuery()) {
                    RedisBatch writes = new RedisBatch();
                    while (rows.next()) {
                        writes.add(hset(rows.getString(1), new Scope(rows.getString(2),
                                rows.getTimestamp(3).toInstant(), rows.getString(4))), r -> null);
                        count++;
                        if (writes.size() >= LOAD_BATCH) {
                            writes.execute(redis, REDIS_TIMEOUT);
                            writes = new RedisBatch();
                        }
                    }
                    marked = IndexCompleteness.markerWriteIfHeld(writes, ErasedSuppressionIndex.MARKER, runId,
                            ErasedSuppressionIndex.LOADING, token);
                    writes.add(RedisScripts.deleteIfEquals(ErasedSuppressionIndex.LOADING, token), r -> null);
                    writes.execute(redis, REDIS_TIMEOUT);
                }
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL cannot list the erased suppressions: " + e.getMessage(), e);
        }
        if (!marked.get()) {
            // Redis was emptied during the load (or another replica began one): not marked, the next check loads.
            LOG.warnf("erased suppressions: the load's key is gone (Redis emptied during the load?); loading again");
            return;
        }
        LOG.infof("erased suppressions loaded into Redis: %d scopes", count);
    }

    private static Request hset(String numberHmac, Scope scope) {
        return ErasedSuppressionIndex.keep(numberHmac, scope.scope(), scope.since(), scope.consentEventId());
    }

    /** One suppressed scope of an erased number: since when, by which consent change. */
    public record Scope(String scope, Instant since, String consentEventId) {
    }
}
