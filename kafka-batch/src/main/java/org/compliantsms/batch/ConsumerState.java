package org.compliantsms.batch;

import java.time.Instant;

/**
 * Where a consumer stands, for readiness and logs.
 *
 * @param waitingReason why it is paused (a dependency down), null while it flows
 * @param since when the current state began
 * @param handled valid records handled since start
 * @param deadLettered records sent to the dead-letter topic since start
 * @param skipped malformed records a secondary consumer skipped since start
 * @param secondary whether its waits leave the service ready ({@link BatchConfig.Consumer#secondary()})
 */
public record ConsumerState(String name, boolean alive, String waitingReason, Instant since, long handled,
        long deadLettered, long skipped, boolean secondary) {

    public boolean flowing() {
        return alive && waitingReason == null;
    }
}
