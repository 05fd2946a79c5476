package org.compliantsms.batch;

import java.time.Instant;

/**
 * Where a consumer stands, for readiness and logs.
 *
 * @param waitingReason why it is paused (a dependency down), null while it flows
 * @param since when the current state began
 * @param handled valid records handled since start
 * @param deadLettered records sent to the dead-letter topic since start
 */
public record ConsumerState(String name, boolean alive, String waitingReason, Instant since, long handled,
        long deadLettered) {

    public boolean flowing() {
        return alive && waitingReason == null;
    }
}
