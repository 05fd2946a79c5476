package org.compliantsms.suppression;

import java.util.function.Supplier;

import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * Whether the Redis index holds every suppression. A full load from sms.suppression.v1 ends by writing the
 * marker {@value #MARKER} = the Redis server's {@code run_id}. Redis draws a new run_id at every start, so a
 * restart (empty, or loaded from an old snapshot) or a failover to a replica leaves a marker that is missing or
 * no longer matches: the index is incomplete until the next rebuild. Both values are read in the same pipelined
 * round trip as the lookups they guard.
 */
public final class IndexCompleteness {
    public static final String MARKER = "sms:suppression:complete";

    private IndexCompleteness() {
    }

    /** The marker and the server's run_id, as one batch read them. */
    public record State(String marker, String runId) {
        public boolean complete() {
            return runId != null && runId.equals(marker);
        }
    }

    /** Adds the two reads to the batch. */
    public static RedisBatch.Reply<State> read(RedisBatch batch) {
        return read(batch, MARKER);
    }

    /** The same reads for another index kept complete the same way (compliance's consent index), by its marker. */
    public static RedisBatch.Reply<State> read(RedisBatch batch, String markerKey) {
        RedisBatch.Reply<String> marker = batch.add(Request.cmd(Command.GET).arg(markerKey), IndexCompleteness::text);
        RedisBatch.Reply<String> runId = batch.add(Request.cmd(Command.INFO).arg("server"),
                r -> runIdOf(text(r)));
        return () -> new State(marker.get(), runId.get());
    }

    /** Adds the check to the batch; the supplier throws {@link IndexIncompleteException} when incomplete. */
    public static Supplier<Void> require(RedisBatch batch) {
        return require(batch, MARKER, "suppression index");
    }

    /** {@link #require(RedisBatch)} for another index, by its marker; {@code index} names it in the exception. */
    public static Supplier<Void> require(RedisBatch batch, String markerKey, String index) {
        RedisBatch.Reply<State> state = read(batch, markerKey);
        return () -> {
            if (!state.get().complete()) {
                throw new IndexIncompleteException(state.get().marker() == null
                        ? index + " incomplete (no full load since Redis started): waiting for its rebuild"
                        : index + " incomplete (Redis restarted since its last full load): waiting for its rebuild");
            }
            return null;
        };
    }

    /** Marks the index of {@code markerKey} complete for the Redis run {@code runId} (read before its load began). */
    public static Request markerWrite(String markerKey, String runId) {
        return Request.cmd(Command.SET).arg(markerKey).arg(runId);
    }

    /**
     * The end of a full load: marks the index complete only while {@code guardKey} still holds {@code guardValue} (the
     * loader's rebuild lock, or a key it set when it began). A FLUSHALL or FLUSHDB during the load empties Redis
     * without changing its run_id: what was written before it is gone, and so is the guard. Without the guard the
     * load would still write the marker at its end, and the index would say complete while it lacks every entry
     * written before the flush: opted-out numbers looked up as not suppressed (fail open). With it, the marker is not
     * written and the next check loads again. Add it to a batch; the reply is true when the marker was written.
     */
    public static RedisBatch.Reply<Boolean> markerWriteIfHeld(RedisBatch batch, String markerKey, String runId,
            String guardKey, String guardValue) {
        return batch.add(RedisScripts.setIfEquals(guardKey, guardValue, markerKey, runId),
                r -> r != null && r.toLong() == 1L);
    }

    static String runIdOf(String info) {
        if (info == null) {
            return null;
        }
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("run_id:")) {
                return line.substring("run_id:".length()).strip();
            }
        }
        return null;
    }

    static String text(Response response) {
        return response == null ? null : response.toString();
    }
}
