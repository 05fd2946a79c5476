package org.compliantsms.dispatch.carrier.rate;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.LockSupport;

import org.compliantsms.suppression.RedisUnavailableException;

/**
 * The permits of one window of submits, used by one thread: {@link #take} makes sure a message's parts all have
 * one before its first part is written, {@link #awaitNext} waits until the next one is due and uses it.
 */
public final class Permits {
    /** No limit: every permit is due at once and nothing is asked of Redis. */
    public static final Permits UNLIMITED = new Permits(null);

    private final CarrierRateLimit limit;
    /** When each held permit is due (System.nanoTime()), in order. */
    private final Deque<Long> due = new ArrayDeque<>();

    Permits(CarrierRateLimit limit) {
        this.limit = limit;
    }

    /**
     * Holds at least {@code needed} permits once it returns, asking for {@code wanted} (the rest of the window) so
     * that one round trip serves many messages; waits while other replicas hold the coming ones.
     *
     * @throws RedisUnavailableException when the bucket cannot be read: nothing is to be sent
     */
    public void take(int needed, int wanted) {
        if (limit == null) {
            return;
        }
        while (due.size() < needed) {
            long asked = System.nanoTime();
            int asking = Math.max(needed, wanted) - due.size();
            Grant grant = limit.take(asking);
            for (int k = 0; k < grant.granted(); k++) {
                due.addLast(asked + grant.delayNanos(k, limit.perSecond()));
            }
            if (grant.granted() == 0) {
                LockSupport.parkNanos(limit.retryNanos(grant, asking));
                if (Thread.currentThread().isInterrupted()) {
                    throw new RedisUnavailableException("interrupted while waiting for a rate permit");
                }
            }
        }
    }

    /** Waits until the next held permit is due and uses it (none held: at once, as without a limit). */
    public void awaitNext() {
        if (limit == null || due.isEmpty()) {
            return;
        }
        long at = due.removeFirst();
        long wait;
        while ((wait = at - System.nanoTime()) > 0 && !Thread.currentThread().isInterrupted()) {
            LockSupport.parkNanos(wait);
        }
    }

    /** Permits held and not used yet (they lapse unused when the window ends: the bucket does not take them back). */
    public int held() {
        return due.size();
    }
}
