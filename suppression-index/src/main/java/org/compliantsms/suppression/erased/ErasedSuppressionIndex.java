package org.compliantsms.suppression.erased;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

import org.compliantsms.events.SuppressionScope;
import org.compliantsms.suppression.IndexCompleteness;
import org.compliantsms.suppression.RedisBatch;
import org.compliantsms.suppression.SuppressionIndex;

import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * The Redis copy of erased numbers' suppressions, one hash per number, {@code sms:suppression:erased:<hmac>}, with
 * the suppression index's scopes: what compliance's screening and dispatch's last check read next to the index, in
 * the same pipelined round trip. compliance keeps the suppressions in PostgreSQL and loads this copy after every
 * Redis start; the marker holds the server's run_id once loaded, and a reader that finds another run_id waits (fail
 * closed), as for the index itself.
 */
public final class ErasedSuppressionIndex {
    public static final String KEY_PREFIX = "sms:suppression:erased:";
    public static final String MARKER = "sms:suppression:erased-loaded";
    /** Set by a load when it begins; the marker is written only while it still holds that load's value. */
    public static final String LOADING = "sms:suppression:erased-loading";

    private final NumberHmac hmac;

    public ErasedSuppressionIndex(NumberHmac hmac) {
        this.hmac = hmac;
    }

    public NumberHmac hmac() {
        return hmac;
    }

    /**
     * The scope that suppresses this erased number for this program (global or the program's), if any, added to a
     * pipelined batch. Guard the batch with {@link #requireLoaded} before trusting an empty answer.
     */
    public RedisBatch.Reply<Optional<String>> suppressingScope(RedisBatch batch, String recipient, String programId) {
        String programScope = SuppressionScope.program(programId);
        return batch.add(Request.cmd(Command.HMGET).arg(KEY_PREFIX + hmac.of(recipient)).arg(programScope)
                .arg(SuppressionScope.GLOBAL), values -> {
                    if (suppressed(values.get(1))) {
                        return Optional.of(SuppressionScope.GLOBAL);
                    }
                    return suppressed(values.get(0)) ? Optional.of(programScope) : Optional.empty();
                });
    }

    /** The suppression index's lookup and this one, in one batch: suppressed when either says so. */
    public RedisBatch.Reply<Optional<String>> suppressingScope(RedisBatch batch, SuppressionIndex index,
            String recipient, String programId) {
        return either(index.suppressingScope(batch, recipient, programId),
                suppressingScope(batch, recipient, programId));
    }

    /** Suppressed when either lookup of the same batch says so; the number in clear first. */
    public static RedisBatch.Reply<Optional<String>> either(RedisBatch.Reply<Optional<String>> inClear,
            RedisBatch.Reply<Optional<String>> erased) {
        return () -> inClear.get().or(erased::get);
    }

    /** Adds the check to the batch; the supplier throws until the copy is loaded since the server started. */
    public static Supplier<Void> requireLoaded(RedisBatch batch) {
        return IndexCompleteness.require(batch, MARKER, "the suppression of erased numbers");
    }

    /** Adds the read of the marker and the server's run_id to the batch. */
    public static RedisBatch.Reply<IndexCompleteness.State> loaded(RedisBatch batch) {
        return IndexCompleteness.read(batch, MARKER);
    }

    /** The write that keeps one scope of an erased number suppressed in the copy. */
    public static Request keep(String numberHmac, String scope, Instant since, String consentEventId) {
        return Request.cmd(Command.HSET).arg(KEY_PREFIX + numberHmac).arg(scope)
                .arg("1:" + since.toEpochMilli() + ":" + consentEventId);
    }

    /** The write that lifts one scope of an erased number in the copy. */
    public static Request lift(String numberHmac, String scope) {
        return Request.cmd(Command.HDEL).arg(KEY_PREFIX + numberHmac).arg(scope);
    }

    /** The write that marks the copy complete for the Redis server of this run_id. */
    public static Request markLoaded(String runId) {
        return IndexCompleteness.markerWrite(MARKER, runId);
    }

    private static boolean suppressed(Response value) {
        return value != null && value.toString().startsWith("1:");
    }
}
