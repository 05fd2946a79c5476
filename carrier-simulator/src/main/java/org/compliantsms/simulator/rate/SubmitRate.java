package org.compliantsms.simulator.rate;

import java.util.function.LongSupplier;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.compliantsms.simulator.SimulatorConfig;

/**
 * The carrier's throttle and what it measured: submit_sm counted per second window (the wall clock's seconds,
 * as carriers count their TPS), every one the simulator received (accepted or not) and those accepted. With a limit
 * set, a submit_sm beyond {@code perSecond} accepted in its second is refused with ESME_RTHROTTLED (0x58). The
 * highest counts of any one second since the last reset are kept: what the carrier "saw" at most.
 */
@Singleton
public class SubmitRate {
    /** SMPP 3.4: throttling error (ESME has exceeded allowed message limits). */
    public static final int ESME_RTHROTTLED = 0x58;

    private final LongSupplier clockMillis;
    private volatile int perSecond;
    private long second = Long.MIN_VALUE;
    private int received;
    private int accepted;
    private int highestReceived;
    private int highestAccepted;
    private long highestSecond;
    private long throttled;
    private long total;

    @Inject
    public SubmitRate(SimulatorConfig config) {
        this(config.rateLimit(), System::currentTimeMillis);
    }

    SubmitRate(int perSecond, LongSupplier clockMillis) {
        this.perSecond = Math.max(0, perSecond);
        this.clockMillis = clockMillis;
    }

    /** Counts one submit_sm; 0 to go on with it, or {@link #ESME_RTHROTTLED} when its second is full. */
    public synchronized int admit() {
        long now = Math.floorDiv(clockMillis.getAsLong(), 1000);
        if (now != second) {
            second = now;
            received = 0;
            accepted = 0;
        }
        total++;
        received++;
        if (received > highestReceived) {
            highestReceived = received;
            highestSecond = now;
        }
        int limit = perSecond;
        if (limit > 0 && accepted >= limit) {
            throttled++;
            return ESME_RTHROTTLED;
        }
        accepted++;
        highestAccepted = Math.max(highestAccepted, accepted);
        return 0;
    }

    public void limit(int newPerSecond) {
        perSecond = Math.max(0, newPerSecond);
    }

    public synchronized Counts counts() {
        return new Counts(perSecond, highestReceived, highestAccepted,
                highestReceived == 0 ? null : highestSecond * 1000, throttled, total);
    }

    /** Forgets what was measured (the limit stays). */
    public synchronized void reset() {
        second = Long.MIN_VALUE;
        received = 0;
        accepted = 0;
        highestReceived = 0;
        highestAccepted = 0;
        highestSecond = 0;
        throttled = 0;
        total = 0;
    }

    /**
     * @param limitPerSecond submit_sm accepted in one second at most (0: no limit)
     * @param highestPerSecond the most submit_sm received in one second window since the last reset
     * @param highestAcceptedPerSecond the most accepted (not throttled) in one second window
     * @param highestSecondAt that busiest second's start (epoch milliseconds), null before any submit
     * @param throttled submit_sm refused with ESME_RTHROTTLED
     * @param submits submit_sm counted in all
     */
    public record Counts(int limitPerSecond, int highestPerSecond, int highestAcceptedPerSecond,
            Long highestSecondAt, long throttled, long submits) {
    }
}
