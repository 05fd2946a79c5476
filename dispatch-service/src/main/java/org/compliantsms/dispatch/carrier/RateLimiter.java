package org.compliantsms.dispatch.carrier;

import java.util.concurrent.locks.LockSupport;

/** At most {@code perSecond} permits a second, evenly spaced; 0 means no limit. Thread-safe. */
final class RateLimiter {
    private final long intervalNanos;
    private long next = System.nanoTime();

    RateLimiter(int perSecond) {
        this.intervalNanos = perSecond <= 0 ? 0 : 1_000_000_000L / perSecond;
    }

    /** The limiter of one carrier, by its name (every carrier has its own rate). */
    static RateLimiter forCarrier(String carrier, int perSecond) {
        return new RateLimiter(perSecond);
    }

    void acquire() {
        if (intervalNanos == 0) {
            return;
        }
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            next = Math.max(next, now);
            wait = next - now;
            next += intervalNanos;
        }
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
    }
}
