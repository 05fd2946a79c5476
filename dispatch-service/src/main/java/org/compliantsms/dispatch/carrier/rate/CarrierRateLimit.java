package org.compliantsms.dispatch.carrier.rate;

import java.time.Duration;
import java.util.List;

import org.compliantsms.suppression.RedisBatch;
import org.compliantsms.suppression.RedisUnavailableException;

import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Response;

/**
 * One carrier's messages-per-second limit, shared by every dispatch replica through one Redis token bucket
 * ({@code sms:rate:<carrier>}): at most {@code burst + perSecond × T} submit_sm in any T seconds, whichever
 * replica sends them. Permits are taken in batches (one round trip for 100 ms of the rate, or a window's worth if
 * less; not one per message) and handed out by {@link Permits} at the times they become due. Fails closed: when Redis does not answer, no permit
 * is given ({@link RedisUnavailableException}) and nothing is sent.
 */
public final class CarrierRateLimit {
    static final String PREFIX = "sms:rate:";
    private static final Duration REDIS_TIMEOUT = Duration.ofSeconds(5);

    private final String key;
    private final double perSecond;
    private final double burst;
    private final long aheadMicros;
    private final Redis redis;

    CarrierRateLimit(String carrier, int perSecond, int burst, Duration ahead, Redis redis) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("a rate limit needs perSecond > 0 and burst >= 1");
        }
        this.key = PREFIX + carrier;
        this.perSecond = perSecond;
        this.burst = burst;
        this.aheadMicros = Math.max(1, ahead.toNanos() / 1000);
        this.redis = redis;
    }

    /** The default burst: 50 ms of the rate, at least one permit (round trips then cover 50 ms of sends or more). */
    public static int defaultBurst(int perSecond) {
        return Math.max(1, perSecond / 20);
    }

    /** Permits for one window of submits; each {@link Permits#take} reserves what it needs in as few calls as it can. */
    public Permits permits() {
        return new Permits(this);
    }

    double perSecond() {
        return perSecond;
    }

    /**
     * Permits one call takes at most: 100 ms of the rate (a burst if more). A caller asking for a whole window
     * would otherwise take the whole horizon ({@code ahead}) at once and starve the other replicas, who would find
     * the next second always promised; in slices the replicas take turns.
     */
    int maxGrant() {
        return (int) Math.max(burst, Math.ceil(perSecond / 10));
    }

    /** One round trip: up to {@code want} permits (possibly none while others hold the next second's). */
    Grant take(int want) {
        RedisBatch call = new RedisBatch();
        RedisBatch.Reply<Grant> grant = call.add(TokenBucketScript.take(key, perSecond, burst,
                Math.min(want, maxGrant()), aheadMicros),
                CarrierRateLimit::grant);
        call.execute(redis, REDIS_TIMEOUT);
        return grant.get();
    }

    private static Grant grant(Response response) {
        List<Response> parts = List.of(response.get(0), response.get(1));
        return new Grant(parts.get(0).toInteger(), Double.parseDouble(parts.get(1).toString()));
    }

    /**
     * How long to wait after a call that granted nothing (others hold the coming second's permits) before asking
     * for {@code wanted} again: until a burst's worth of them (or what is wanted, if less) is free, one permit's
     * time at least. So a waiting replica asks about {@code perSecond / burst} times a second, not once a message.
     */
    long retryNanos(Grant nothing, int wanted) {
        double free = nothing.tokensBefore() + perSecond * aheadMicros / 1e6;
        double missing = Math.min(Math.max(1, wanted), burst) - free;
        return (long) Math.ceil(Math.max(1, missing) / perSecond * 1e9);
    }
}
