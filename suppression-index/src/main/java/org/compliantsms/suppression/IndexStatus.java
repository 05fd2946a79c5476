package org.compliantsms.suppression;

/**
 * What this replica knows of the index's completeness, for readiness and logs.
 *
 * @param state COMPLETE, REBUILDING, WAITING (another replica rebuilds), REDIS_DOWN or UNKNOWN (not checked yet)
 */
public record IndexStatus(String state, String detail) {

    static IndexStatus unknown() {
        return new IndexStatus("UNKNOWN", "not checked yet");
    }

    static IndexStatus completeIndex() {
        return new IndexStatus("COMPLETE", "every suppression is loaded");
    }

    static IndexStatus rebuilding(long applied, long atMost) {
        return new IndexStatus("REBUILDING", applied + " of at most " + atMost + " records applied");
    }

    static IndexStatus waiting(String detail) {
        return new IndexStatus("WAITING", detail);
    }

    static IndexStatus redisDown(String detail) {
        return new IndexStatus("REDIS_DOWN", detail);
    }

    public boolean complete() {
        return "COMPLETE".equals(state);
    }

    boolean waitingForAnother() {
        return "WAITING".equals(state);
    }

    boolean redisReachable() {
        return !"REDIS_DOWN".equals(state) && !"UNKNOWN".equals(state);
    }
}
