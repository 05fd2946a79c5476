package org.compliantsms.bench;

import java.time.Instant;

/** Wall-clock microseconds since the epoch: the unit of the simulator's record file. */
public final class Clock {
    private Clock() {
    }

    public static long nowMicros() {
        return micros(Instant.now());
    }

    public static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }

    public static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
