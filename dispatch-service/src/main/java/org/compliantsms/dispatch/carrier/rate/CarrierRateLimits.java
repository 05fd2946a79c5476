package org.compliantsms.dispatch.carrier.rate;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.mutiny.redis.client.Redis;

/**
 * The rate limits by carrier name: {@link #forCarrier} gives each named carrier its shared bucket (the same one to
 * every caller, and through Redis to every replica). A carrier without a rate ({@code perSecond} 0) has none.
 */
@ApplicationScoped
public class CarrierRateLimits {
    /** How far ahead one call may take permits: a second of the rate (round trips stay few, waits short). */
    static final Duration AHEAD = Duration.ofSeconds(1);

    private final Redis redis;
    private final Map<String, CarrierRateLimit> limits = new ConcurrentHashMap<>();

    public CarrierRateLimits(Redis redis) {
        this.redis = redis;
    }

    /**
     * The carrier's limit: {@code perSecond} submit_sm a second across all replicas, {@code burst} at once after a
     * pause ({@code 0}: {@link CarrierRateLimit#defaultBurst}); {@code perSecond} 0 for no limit.
     */
    public Limit forCarrier(String carrier, int perSecond, int burst) {
        if (perSecond <= 0) {
            return Limit.NONE;
        }
        CarrierRateLimit limit = limits.computeIfAbsent(carrier, name -> new CarrierRateLimit(name, perSecond,
                burst > 0 ? burst : CarrierRateLimit.defaultBurst(perSecond), AHEAD, redis));
        return limit::permits;
    }

    /** Where a window's submits get their permits. */
    @FunctionalInterface
    public interface Limit {
        Limit NONE = () -> Permits.UNLIMITED;

        Permits permits();
    }
}
