package org.compliantsms.suppression;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.compliantsms.events.SuppressionScope;
import org.compliantsms.events.SuppressionState;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.RedisAPI;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * The suppression index in Redis: one hash per number, {@code sms:suppression:<E.164>}, one field per scope
 * ({@code program:<id>} or {@code global}), value {@code <1|0>:<epoch millis>:<consent event id>}.
 * <p>
 * Writes are last-writer-wins on the consent change's time (ties broken by event id), done atomically in Lua:
 * they are idempotent and commutative, so the two writers (inbound's fast path and compliance) and a replay of
 * the compacted {@code sms.suppression.v1} topic converge on the same state in any order. Lifted entries stay as
 * {@code 0:...} tombstones so that a late, older opt-out cannot undo a newer opt-in.
 * <p>
 * The same script keeps {@value #COUNTS_KEY}, a hash of suppressed numbers per scope, changed only when a write flips
 * a scope's state: it is as idempotent as the entries, and a rebuild from an empty Redis counts again from zero.
 * <p>
 * A read or write that fails is a failed {@link Uni}: callers must not treat it as "not suppressed" (fail closed).
 * In a Quarkus service it is a bean on the service's Redis connection (quarkus-redis-client's RedisAPI).
 */
@ApplicationScoped
public class SuppressionIndex {

    static final String KEY_PREFIX = "sms:suppression:";
    /** Suppressed numbers per scope. Numbers start with '+', so this key never names a number. */
    public static final String COUNTS_KEY = KEY_PREFIX + "counts";
    private static final String NUMBER_KEYS = KEY_PREFIX + "+*";
    private static final String WRITE_IF_NEWER = """
            local current = redis.call('HGET', KEYS[1], ARGV[1])
            local was = 0
            if current then
              local state, at, id = string.match(current, '^(%d):(%d+):(.*)$')
              if state == '1' then was = 1 end
              local currentAt = tonumber(at)
              local newAt = tonumber(ARGV[3])
              if currentAt > newAt or (currentAt == newAt and id >= ARGV[4]) then
                return {0, was}
              end
            end
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. ':' .. ARGV[3] .. ':' .. ARGV[4])
            local now = 0
            if ARGV[2] == '1' then now = 1 end
            if now ~= was then redis.call('HINCRBY', KEYS[2], ARGV[1], now - was) end
            return {1, was}
            """;

    private final RedisAPI redis;

    public SuppressionIndex(RedisAPI redis) {
        this.redis = redis;
    }

    /** The scope that suppresses this number for this program (the program's or global), if any. */
    public Uni<Optional<String>> suppressingScope(String recipient, String programId) {
        String programScope = SuppressionScope.program(programId);
        return redis.hmget(List.of(key(recipient), programScope, SuppressionScope.GLOBAL))
                .map(values -> scopeOf(values, programScope));
    }

    /**
     * The same lookup as {@link #suppressingScope(String, String)}, added to a pipelined batch. Guard the batch with
     * {@link IndexCompleteness#require} before trusting an empty answer.
     */
    public RedisBatch.Reply<Optional<String>> suppressingScope(RedisBatch batch, String recipient, String programId) {
        String programScope = SuppressionScope.program(programId);
        return batch.add(Request.cmd(Command.HMGET).arg(key(recipient)).arg(programScope).arg(SuppressionScope.GLOBAL),
                values -> scopeOf(values, programScope));
    }

    /** {@link #write} added to a pipelined batch. */
    public RedisBatch.Reply<IndexWrite> write(RedisBatch batch, SuppressionState state) {
        Request request = Request.cmd(Command.EVAL).arg(WRITE_IF_NEWER).arg(2).arg(key(state.recipient())).arg(COUNTS_KEY)
                .arg(state.scope()).arg(state.suppressed() ? "1" : "0").arg(state.since().toEpochMilli())
                .arg(state.consentEventId());
        return batch.add(request, SuppressionIndex::indexWrite);
    }

    /** {@link #entry(String, String)} added to a pipelined batch. */
    public RedisBatch.Reply<Optional<Entry>> entry(RedisBatch batch, String recipient, String scope) {
        return batch.add(Request.cmd(Command.HGET).arg(key(recipient)).arg(scope),
                value -> Optional.ofNullable(value).map(v -> Entry.parse(v.toString())));
    }

    /** What the index holds for this number in this scope, if anything. */
    public Uni<Optional<Entry>> entry(String recipient, String scope) {
        return redis.hget(key(recipient), scope).map(value -> Optional.ofNullable(value).map(v -> Entry.parse(v.toString())));
    }

    /**
     * Sets the state of one number in one scope if this change is newer than what the index holds.
     *
     * @return whether it was written and whether the scope was suppressed before
     */
    public Uni<IndexWrite> write(String recipient, String scope, boolean suppressed, Instant at, String eventId) {
        return redis.eval(List.of(WRITE_IF_NEWER, "2", key(recipient), COUNTS_KEY, scope, suppressed ? "1" : "0",
                Long.toString(at.toEpochMilli()), eventId))
                .map(SuppressionIndex::indexWrite);
    }

    /**
     * Removes everything the index holds for this number: for a GDPR erasure, whose caller keeps the suppression
     * elsewhere under a keyed hash of the number first.
     */
    public Uni<Void> forget(String recipient) {
        return redis.del(List.of(key(recipient))).replaceWithVoid();
    }

    /** Applies one record of the compacted suppression topic (used to rebuild the index). */
    public Uni<IndexWrite> apply(SuppressionState state) {
        return write(state.recipient(), state.scope(), state.suppressed(), state.since(), state.consentEventId());
    }

    /** Every scope the index holds for this number (suppressed or lifted), by scope. */
    public Uni<Map<String, Entry>> entries(String recipient) {
        return redis.hgetall(key(recipient)).map(SuppressionIndex::entriesOf);
    }

    /** {@link #entries(String)} added to a pipelined batch. */
    public RedisBatch.Reply<Map<String, Entry>> entries(RedisBatch batch, String recipient) {
        return batch.add(Request.cmd(Command.HGETALL).arg(key(recipient)), SuppressionIndex::entriesOf);
    }

    /** Suppressed numbers per scope ({@code program:<id>} or {@code global}). */
    public Uni<Map<String, Long>> counts() {
        return redis.hgetall(COUNTS_KEY).map(reply -> {
            Map<String, Long> counts = new TreeMap<>();
            for (String field : reply.getKeys()) {
                counts.put(field, reply.get(field).toLong());
            }
            return counts;
        });
    }

    /**
     * One page of the numbers in the index (Redis SCAN: every number present for the whole scan is returned at
     * least once; a page may repeat one).
     *
     * @param cursor "0" to start
     */
    public Uni<Page> numbers(String cursor, int count) {
        return redis.scan(List.of(cursor, "MATCH", NUMBER_KEYS, "COUNT", Integer.toString(count)))
                .map(reply -> {
                    List<String> numbers = new ArrayList<>();
                    for (Response key : reply.get(1)) {
                        numbers.add(key.toString().substring(KEY_PREFIX.length()));
                    }
                    return new Page(reply.get(0).toString(), numbers);
                });
    }

    /** A page of {@link #numbers}; {@code next} is "0" after the last page. */
    public record Page(String next, List<String> numbers) {
        public boolean last() {
            return "0".equals(next);
        }
    }

    private static Map<String, Entry> entriesOf(Response reply) {
        Map<String, Entry> entries = new TreeMap<>();
        if (reply != null) {
            for (String field : reply.getKeys()) {
                entries.put(field, Entry.parse(reply.get(field).toString()));
            }
        }
        return entries;
    }

    static Optional<String> scopeOf(Response values, String programScope) {
        if (isSuppressed(values.get(1))) {
            return Optional.of(SuppressionScope.GLOBAL);
        }
        if (isSuppressed(values.get(0))) {
            return Optional.of(programScope);
        }
        return Optional.empty();
    }

    private static IndexWrite indexWrite(Response reply) {
        return new IndexWrite(reply.get(0).toInteger() == 1, reply.get(1).toInteger() == 1);
    }

    private static boolean isSuppressed(Response value) {
        return value != null && value.toString().startsWith("1:");
    }

    static String key(String recipient) {
        return KEY_PREFIX + recipient;
    }

    /** One scope's state: suppressed or lifted, since when, by which consent change. */
    public record Entry(boolean suppressed, Instant since, String eventId) {
        static Entry parse(String value) {
            String[] parts = value.split(":", 3);
            return new Entry("1".equals(parts[0]), Instant.ofEpochMilli(Long.parseLong(parts[1])), parts[2]);
        }
    }

    /**
     * @param applied false when the index already held this change or a newer one
     * @param wasSuppressed the scope's state before this write
     */
    public record IndexWrite(boolean applied, boolean wasSuppressed) {
    }
}
