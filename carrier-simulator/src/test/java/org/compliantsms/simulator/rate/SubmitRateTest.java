package org.compliantsms.simulator.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The simulator's throttle and its busiest-second counters, on a clock the test moves. */
class SubmitRateTest {
    private final AtomicLong clock = new AtomicLong(1_700_000_000_500L);

    @Test
    void aboveTheLimitInOneSecondTheRestIsThrottledAndTheNextSecondStartsAfresh() {
        SubmitRate rate = new SubmitRate(3, clock::get);
        for (int i = 0; i < 3; i++) {
            assertEquals(0, rate.admit());
        }
        assertEquals(SubmitRate.ESME_RTHROTTLED, rate.admit());
        assertEquals(SubmitRate.ESME_RTHROTTLED, rate.admit());
        clock.addAndGet(500); // the next wall-clock second
        assertEquals(0, rate.admit());

        SubmitRate.Counts counts = rate.counts();
        assertEquals(5, counts.highestPerSecond(), "received, throttled ones included");
        assertEquals(3, counts.highestAcceptedPerSecond());
        assertEquals(1_700_000_000_000L, counts.highestSecondAt());
        assertEquals(2, counts.throttled());
        assertEquals(6, counts.submits());
    }

    @Test
    void withoutALimitNothingIsThrottledAndTheBusiestSecondIsStillCounted() {
        SubmitRate rate = new SubmitRate(0, clock::get);
        for (int i = 0; i < 7; i++) {
            assertEquals(0, rate.admit());
        }
        clock.addAndGet(1_000);
        rate.admit();
        assertEquals(7, rate.counts().highestPerSecond());
        assertEquals(0, rate.counts().throttled());

        rate.reset();
        assertEquals(0, rate.counts().highestPerSecond());
        assertEquals(null, rate.counts().highestSecondAt());
        rate.limit(1);
        assertEquals(0, rate.admit());
        assertEquals(SubmitRate.ESME_RTHROTTLED, rate.admit());
    }
}
