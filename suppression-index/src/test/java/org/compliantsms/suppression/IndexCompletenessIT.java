package org.compliantsms.suppression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;

/**
 * The end of a full load, against the platform's Redis with keys of the test's own: the completeness marker is
 * written only while the load's guard (its rebuild lock) is still there. A FLUSHALL during a load keeps Redis's
 * run_id but takes the guard with the entries already written; marking complete then would make the index answer
 * "not suppressed" for every number loaded before the flush (fail open).
 */
class IndexCompletenessIT {
    static final Duration WAIT = Duration.ofSeconds(5);
    static Vertx vertx;
    static Redis redis;

    @BeforeAll
    static void connect() {
        vertx = Vertx.vertx();
        redis = Redis.createClient(vertx,
                Optional.ofNullable(System.getenv("QUARKUS_REDIS_HOSTS")).orElse("redis://localhost:6379"));
    }

    @AfterAll
    static void close() {
        redis.close();
        vertx.closeAndAwait();
    }

    @Test
    void aLoadStillHoldingItsGuardMarksTheIndexComplete() {
        Keys keys = new Keys();
        set(keys.guard, "loader-1");
        assertTrue(mark(keys, "loader-1"));
        assertEquals(keys.runId, get(keys.marker));
        cleanUp(keys);
    }

    @Test
    void aLoadWhoseGuardWasFlushedAwayDoesNotMarkTheIndexComplete() {
        Keys keys = new Keys();
        set(keys.guard, "loader-1");
        // what FLUSHALL does to the guard (the test wipes no shared Redis): the key is gone, the run_id unchanged
        del(keys.guard);
        assertFalse(mark(keys, "loader-1"));
        assertNull(get(keys.marker), "no marker: the index stays incomplete and is loaded again");
        RedisBatch batch = new RedisBatch();
        RedisBatch.Reply<IndexCompleteness.State> state = IndexCompleteness.read(batch, keys.marker);
        batch.execute(redis, WAIT);
        assertFalse(state.get().complete());
    }

    @Test
    void aLoadWhoseGuardAnotherLoaderTookDoesNotMarkIt() {
        Keys keys = new Keys();
        set(keys.guard, "loader-2");
        assertFalse(mark(keys, "loader-1"));
        assertNull(get(keys.marker));
        cleanUp(keys);
    }

    private static boolean mark(Keys keys, String loader) {
        RedisBatch batch = new RedisBatch();
        RedisBatch.Reply<Boolean> marked = IndexCompleteness.markerWriteIfHeld(batch, keys.marker, keys.runId,
                keys.guard, loader);
        batch.execute(redis, WAIT);
        return marked.get();
    }

    /** Keys of this test only (never the services' own). */
    private static final class Keys {
        final String prefix = "test:completeness:" + UUID.randomUUID() + ":";
        final String marker = prefix + "complete";
        final String guard = prefix + "rebuild-lock";
        final String runId = UUID.randomUUID().toString();
    }

    private static void set(String key, String value) {
        redis.send(Request.cmd(Command.SET).arg(key).arg(value)).await().atMost(WAIT);
    }

    private static void del(String key) {
        redis.send(Request.cmd(Command.DEL).arg(key)).await().atMost(WAIT);
    }

    private static String get(String key) {
        var reply = redis.send(Request.cmd(Command.GET).arg(key)).await().atMost(WAIT);
        return reply == null ? null : reply.toString();
    }

    private static void cleanUp(Keys keys) {
        for (String key : List.of(keys.marker, keys.guard)) {
            del(key);
        }
    }
}
