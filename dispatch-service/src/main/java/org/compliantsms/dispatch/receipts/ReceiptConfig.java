package org.compliantsms.dispatch.receipts;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "dispatch.receipts")
public interface ReceiptConfig {
    /** How long a submitted message's carrier id is kept for its receipts (carriers give up within days). */
    @WithDefault("7d")
    Duration indexTtl();

    /** How long the first receipt of a batch waits for others before the batch is resolved. */
    @WithDefault("3ms")
    Duration batchLinger();

    /** Receipts resolved together at most (one pipelined Redis read, one produce, per batch). */
    @WithDefault("1000")
    int maxBatch();

    /**
     * A receipt whose id matches nothing is looked up once more after this, before it goes to review: a fast
     * carrier's receipt can overtake the write that records the submit. 0 to send it to review at once.
     */
    @WithDefault("2s")
    Duration unmatchedRecheck();

    /**
     * An unmatched receipt (after its recheck) is answered with an error, so that the carrier sends it again, until
     * this long after dispatch first saw it; only then is it kept for review and acknowledged. The submit it belongs
     * to may not be recorded yet (a slow or restarting replica): a receipt acknowledged too early would be lost to
     * its message. 0 to keep it for review at once.
     */
    @WithDefault("60s")
    Duration unmatchedGrace();

    /** Also match a receipt's id as the same number in the other radix (hex submitted, decimal in receipts). */
    @WithDefault("true")
    boolean matchOtherRadix();

    /** Unmatched receipts kept for review at most, the oldest dropped first. */
    @WithDefault("10000")
    int reviewMax();
}
