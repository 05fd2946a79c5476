package org.compliantsms.dispatch.carrier.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** When each permit of a grant is due, and how long a caller that got none waits: the bucket's arithmetic. */
class GrantTest {
    private static final double RATE = 50;
    private static final long MS = 1_000_000;

    @Test
    void permitsTheBucketHoldsAreDueAtOnceTheOthersOnePerTokenInterval() {
        Grant grant = new Grant(5, 2.5);
        assertEquals(0, grant.delayNanos(0, RATE));
        assertEquals(0, grant.delayNanos(1, RATE));
        // the third needs half a token more: 10 ms at 50/s; then one every 20 ms
        assertEquals(10 * MS, grant.delayNanos(2, RATE));
        assertEquals(30 * MS, grant.delayNanos(3, RATE));
        assertEquals(50 * MS, grant.delayNanos(4, RATE));
    }

    @Test
    void aBucketInDebtMakesTheNextCallerWaitBehindThePermitsAlreadyPromised() {
        // 3 permits promised to others: this one's first is the 4th token to come
        Grant grant = new Grant(2, -3);
        assertEquals(80 * MS, grant.delayNanos(0, RATE));
        assertEquals(100 * MS, grant.delayNanos(1, RATE));
    }

    @Test
    void anyWindowOfAGrantFromAFullBucketHoldsAtMostBurstPlusRateTimesItsLength() {
        int burst = 2;
        Grant grant = new Grant(200, burst);
        long second = 1_000 * MS;
        for (int first = 0; first < 150; first++) {
            long start = grant.delayNanos(first, RATE);
            int inWindow = 0;
            for (int k = first; k < 200 && grant.delayNanos(k, RATE) < start + second; k++) {
                inWindow++;
            }
            assertTrue(inWindow <= burst + RATE, "window from permit " + first + ": " + inWindow);
        }
    }

    @Test
    void aCallerThatGotNothingWaitsForABurstOfPermitsNotForEachOne() {
        CarrierRateLimit limit = new CarrierRateLimit("any", 50, 5, Duration.ofSeconds(1), null);
        // the next second's permits are all promised (tokens -50 + 50 ahead = 0 free): 5 tokens to come, 100 ms
        assertEquals(100 * MS, limit.retryNanos(new Grant(0, -50), 128));
        // wanting fewer than a burst: only those
        assertEquals(40 * MS, limit.retryNanos(new Grant(0, -50), 2));
        // part of a token already free: the rest of it, one permit's time at least
        assertEquals(20 * MS, limit.retryNanos(new Grant(0, -49.5), 1));
    }

    @Test
    void oneCallTakesAtMostATenthOfASecondOfTheRateSoThatReplicasTakeTurns() {
        assertEquals(5, new CarrierRateLimit("any", 50, 2, Duration.ofSeconds(1), null).maxGrant());
        assertEquals(500, new CarrierRateLimit("any", 5000, 250, Duration.ofSeconds(1), null).maxGrant());
        assertEquals(8, new CarrierRateLimit("any", 50, 8, Duration.ofSeconds(1), null).maxGrant(), "a burst at least");
    }

    @Test
    void theDefaultBurstIsFiftyMillisecondsOfTheRateAndAtLeastOne() {
        assertEquals(1, CarrierRateLimit.defaultBurst(5));
        assertEquals(2, CarrierRateLimit.defaultBurst(50));
        assertEquals(250, CarrierRateLimit.defaultBurst(5000));
    }
}
