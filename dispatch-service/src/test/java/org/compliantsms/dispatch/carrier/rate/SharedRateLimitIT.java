package org.compliantsms.dispatch.carrier.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.compliantsms.suppression.RedisUnavailableException;
import org.compliantsms.testing.Platform;
import org.compliantsms.testing.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;

/**
 * The token bucket script on the platform's real Redis: two "replicas" (two limits on one carrier, as two processes
 * would hold) with two sending threads each never use more than burst + rate × T permits in any T = 1 s between
 * them, use about the rate in all, and both get permits. Redis unreachable: no permit at all.
 */
class SharedRateLimitIT {
    private static final int RATE = 100;
    private static final int BURST = 5;
    private static Vertx vertx;
    private static Redis redis;

    @BeforeAll
    static void connect() {
        vertx = Vertx.vertx();
        redis = Redis.createClient(vertx, Platform.redisHosts());
    }

    @AfterAll
    static void close() {
        redis.close();
        vertx.closeAndAwait();
    }

    @Test
    void twoReplicasTogetherStayWithinTheSharedRate() throws InterruptedException {
        String carrier = "rate-it-" + UUID.randomUUID();
        List<CarrierRateLimit> replicas = List.of(
                new CarrierRateLimit(carrier, RATE, BURST, CarrierRateLimits.AHEAD, redis),
                new CarrierRateLimit(carrier, RATE, BURST, CarrierRateLimits.AHEAD, redis));
        ConcurrentLinkedQueue<Long> used = new ConcurrentLinkedQueue<>();
        int[] perReplica = new int[2];
        AtomicBoolean running = new AtomicBoolean(true);
        CountDownLatch done = new CountDownLatch(4);
        for (int t = 0; t < 4; t++) {
            int replica = t % 2;
            Thread thread = new Thread(() -> {
                try {
                    while (running.get()) {
                        // a window of 32 one-part messages, as SubmitWindow takes them
                        Permits permits = replicas.get(replica).permits();
                        for (int left = 32; left > 0 && running.get(); left--) {
                            permits.take(1, left);
                            permits.awaitNext();
                            used.add(System.nanoTime());
                            synchronized (perReplica) {
                                perReplica[replica]++;
                            }
                        }
                    }
                } finally {
                    done.countDown();
                }
            });
            thread.start();
        }
        long start = System.nanoTime();
        Thread.sleep(4_000);
        running.set(false);
        done.await();
        long seconds = 4;

        List<Long> times = new ArrayList<>(used);
        Collections.sort(times);
        int busiest = 0;
        for (int first = 0, last = 0; first < times.size(); first++) {
            while (last < times.size() && times.get(last) - times.get(first) < 1_000_000_000L) {
                last++;
            }
            busiest = Math.max(busiest, last - first);
        }
        System.out.printf("[rate] %d permits in %d s at %d/s (burst %d), busiest second %d, per replica %d/%d%n",
                times.size(), seconds, RATE, BURST, busiest, perReplica[0], perReplica[1]);
        // A thread woken a little late can use its permit next to a later one: one permit of slack.
        assertTrue(busiest <= BURST + RATE + 1, "at most burst + rate in any second, saw " + busiest);
        assertTrue(times.size() >= RATE * seconds * 0.9, "about the rate in all: " + times.size());
        assertTrue(times.size() <= BURST + RATE * (System.nanoTime() - start) / 1e9 + 1, "never more in all");
        // A replica asking for whole windows does not take the whole horizon: they take turns.
        assertTrue(perReplica[0] > times.size() / 4 && perReplica[1] > times.size() / 4,
                "each replica gets a fair share");
    }

    @Test
    void withoutRedisNoPermitIsGiven() {
        Redis nowhere = Redis.createClient(vertx, "redis://127.0.0.1:" + ServiceProcess.freePort());
        try {
            CarrierRateLimit limit = new CarrierRateLimit("rate-it-" + UUID.randomUUID(), RATE, BURST,
                    CarrierRateLimits.AHEAD, nowhere);
            Permits permits = limit.permits();
            assertThrows(RedisUnavailableException.class, () -> permits.take(1, 10));
            assertEquals(0, permits.held());
            // the same limit on a Redis that answers gives permits at once (the positive case of the same call)
            Permits working = new CarrierRateLimit("rate-it-" + UUID.randomUUID(), RATE, BURST,
                    CarrierRateLimits.AHEAD, redis).permits();
            working.take(1, 10);
            assertTrue(working.held() >= 1);
        } finally {
            nowhere.close();
        }
    }
}
