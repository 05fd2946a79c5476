package org.compliantsms.dispatch.sending;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.compliantsms.suppression.IndexCompleteness;
import org.compliantsms.suppression.RedisBatch;
import org.compliantsms.suppression.erased.ErasedSuppressionIndex;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.redis.client.Redis;

/**
 * compliance's part that these tests have no compliance for: after every Redis start it loads the erased numbers'
 * suppressions into Redis and marks the copy loaded (ErasedSuppressions). Here nobody was erased, so the copy is
 * empty and only the marker is written, every second as compliance checks. {@link #pause()} stops it, to show that
 * dispatch waits for the copy.
 */
@ApplicationScoped
public class ErasedCopyLoader {
    private static final Duration REDIS_TIMEOUT = Duration.ofSeconds(5);

    private final Redis redis;
    private final ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "test-erased-copy-loader");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean paused;

    public ErasedCopyLoader(Redis redis) {
        this.redis = redis;
    }

    void start(@Observes StartupEvent event) {
        checker.scheduleWithFixedDelay(this::markLoadedQuietly, 0, 1, TimeUnit.SECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        checker.shutdownNow();
    }

    public void pause() {
        paused = true;
    }

    public void resume() {
        paused = false;
    }

    private void markLoadedQuietly() {
        if (paused) {
            return;
        }
        try {
            RedisBatch check = new RedisBatch();
            RedisBatch.Reply<IndexCompleteness.State> loaded = ErasedSuppressionIndex.loaded(check);
            check.execute(redis, REDIS_TIMEOUT);
            if (!loaded.get().complete() && !paused) {
                RedisBatch mark = new RedisBatch();
                mark.add(ErasedSuppressionIndex.markLoaded(loaded.get().runId()), r -> null);
                mark.execute(redis, REDIS_TIMEOUT);
            }
        } catch (RuntimeException e) {
            // Redis down: again in a second, as compliance does.
        }
    }
}
