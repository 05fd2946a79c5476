package org.compliantsms.compliance.consent;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.events.ConsentChanged;
import org.compliantsms.events.SuppressionScope;
import org.compliantsms.suppression.IndexCompleteness;
import org.compliantsms.suppression.RedisBatch;

import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * The consent index in Redis, for the hot path: one hash per number, {@code sms:consent:<E.164>}, one field per
 * program ({@code program:<id>}, value {@code G|R:<received ms>:<consent record id>}: granted by that record, or
 * revoked by it) and {@code all} ({@code R:...}, the latest OPT_OUT_ALL, which revokes every older grant).
 * <p>
 * As the suppression index: writes are last-writer-wins on the time the platform received the change (ties broken
 * by record id), in Lua, so the live writers (the consent API, the consent-changed consumer) and a rebuild from the
 * ledger converge on the same state in any order. A pending grant (double opt-in) is not written: it is not in
 * effect until confirmed, and its confirmation writes the grant under the pending record's id.
 * <p>
 * Complete when {@value #MARKER} equals the Redis server's run_id ({@link IndexCompleteness}): written by a full
 * rebuild from the ledger ({@link ConsentIndexRebuilder}); a Redis restart or failover makes it incomplete, and
 * lookups then wait (fail closed) rather than reject MARKETING that has consent.
 */
@ApplicationScoped
public class ConsentIndex {
    static final String KEY_PREFIX = "sms:consent:";
    public static final String MARKER = "sms:consent:complete";
    static final String ALL = "all";
    private static final String WRITE_IF_NEWER = """
            local current = redis.call('HGET', KEYS[1], ARGV[1])
            if current then
              local at, id = string.match(current, '^%a:(%d+):(.*)$')
              local currentAt = tonumber(at)
              local newAt = tonumber(ARGV[3])
              if currentAt > newAt or (currentAt == newAt and id >= ARGV[4]) then
                return 0
              end
            end
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. ':' .. ARGV[3] .. ':' .. ARGV[4])
            return 1
            """;

    /**
     * What one consent change sets in the index, if anything.
     *
     * @param field {@code program:<id>} or {@code all}
     * @param granted G or R
     * @param at the platform's receipt time (ms precision, as stored)
     * @param recordId the consent record that grants (for a confirmation, the pending grant it confirms) or revokes
     */
    public record Entry(String recipient, String field, boolean granted, Instant at, String recordId) {

        /** The entry a change sets: none for an opt-in (it lifts suppression, it grants nothing) or a pending grant. */
        public static Optional<Entry> of(ConsentChanged change) {
            Instant at = change.occurredAt();
            return switch (change.action()) {
                case CONSENT_GRANTED -> change.pending() ? Optional.empty()
                        : Optional.of(new Entry(change.recipient(), SuppressionScope.program(change.programId()), true,
                                at, change.confirms() != null ? change.confirms() : change.eventId()));
                case CONSENT_REVOKED, OPT_OUT -> Optional.of(new Entry(change.recipient(),
                        SuppressionScope.program(change.programId()), false, at, change.eventId()));
                case OPT_OUT_ALL -> Optional.of(new Entry(change.recipient(), ALL, false, at, change.eventId()));
                // OPT_IN (and any other lift of a suppression) grants no marketing consent.
                default -> Optional.empty();
            };
        }

        String value() {
            return (granted ? "G" : "R") + ":" + at.toEpochMilli() + ":" + recordId;
        }
    }

    /** Writes the entry if it is newer than what the index holds; the reply says whether it was written. */
    public RedisBatch.Reply<Boolean> write(RedisBatch batch, Entry entry) {
        Request request = Request.cmd(Command.EVAL).arg(WRITE_IF_NEWER).arg(1).arg(key(entry.recipient()))
                .arg(entry.field()).arg(entry.granted() ? "G" : "R").arg(entry.at().toEpochMilli())
                .arg(entry.recordId());
        return batch.add(request, r -> r.toInteger() == 1);
    }

    /**
     * The active consent record of this number for this program, in a pipelined batch: the program's grant when no
     * later revocation (of the program, or of everything) stands. Guard the batch with {@link #requireComplete}.
     */
    public RedisBatch.Reply<Optional<String>> activeConsent(RedisBatch batch, String recipient, String programId) {
        return batch.add(Request.cmd(Command.HMGET).arg(key(recipient)).arg(SuppressionScope.program(programId))
                .arg(ALL), ConsentIndex::activeOf);
    }

    /** Adds the completeness check to the batch; the supplier throws when the index is incomplete. */
    public static Supplier<Void> requireComplete(RedisBatch batch) {
        return IndexCompleteness.require(batch, MARKER, "consent index");
    }

    /** Everything the index holds for one number (field to value), for the API's view and the tests. */
    public RedisBatch.Reply<Map<String, String>> entries(RedisBatch batch, String recipient) {
        return batch.add(Request.cmd(Command.HGETALL).arg(key(recipient)), ConsentIndex::map);
    }

    static Optional<String> activeOf(Response values) {
        Parsed program = Parsed.of(values.get(0));
        if (program == null || !program.granted()) {
            return Optional.empty();
        }
        Parsed all = Parsed.of(values.get(1));
        if (all != null && all.newerThan(program)) {
            return Optional.empty();
        }
        return Optional.of(program.recordId());
    }

    private static Map<String, String> map(Response response) {
        Map<String, String> entries = new HashMap<>();
        if (response == null) {
            return entries;
        }
        for (String field : response.getKeys()) {
            entries.put(field, response.get(field).toString());
        }
        return entries;
    }

    static String key(String recipient) {
        return KEY_PREFIX + recipient;
    }

    private record Parsed(boolean granted, long at, String recordId) {
        static Parsed of(Response value) {
            if (value == null) {
                return null;
            }
            String[] parts = value.toString().split(":", 3);
            return new Parsed("G".equals(parts[0]), Long.parseLong(parts[1]), parts[2]);
        }

        boolean newerThan(Parsed other) {
            return at > other.at || (at == other.at && recordId.compareTo(other.recordId) > 0);
        }
    }
}
