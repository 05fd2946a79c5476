package org.compliantsms.campaign.waves;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import jakarta.inject.Singleton;

/**
 * The tests' clock, in place of the system's (Clocks' default bean): the system's time plus an offset a test sets,
 * so that a test can stand at 10:00 in Tokyo, then move on to 10:00 in Seattle, while time goes on as usual (the
 * emission's leases are PostgreSQL's time and are not moved). Offset zero unless a test moved it.
 */
@Singleton
public class TestClock extends Clock {
    private volatile Duration offset = Duration.ZERO;

    /** From now on the clock shows {@code at}, and runs on from there. */
    public void set(Instant at) {
        offset = Duration.between(Instant.now(), at);
    }

    public void reset() {
        offset = Duration.ZERO;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the emitter reads instants only");
    }
}
