package org.compliantsms.campaign.programs;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.events.EventCodec;
import org.compliantsms.events.Program;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Programs in PostgreSQL (schema campaigns, tables of db/campaign/V2.0__programs.sql). Each change raises the version and leaves the row
 * unpublished until {@link ProgramPublisher} saw Kafka acknowledge it: the table is the outbox of sms.programs.v1.
 */
@ApplicationScoped
public class ProgramStore {
    /** A row to publish: the current definition, or a tombstone when the program was deleted. */
    public record Pending(String programId, long version, Program program) {
        public boolean tombstone() {
            return program == null;
        }
    }

    private final Pool pool;

    public ProgramStore(Pool pool) {
        this.pool = pool;
    }

    /**
     * Creates or replaces a program (a new version), in one transaction.
     *
     * @throws SenderTakenException (in the Uni) when one of its numbers or short codes is another program's
     */
    public Uni<Program> put(String programId, ProgramDefinition definition) {
        List<String> destinations = ProgramValidator.replyDestinations(definition.senders());
        return pool.withTransaction(connection -> connection
                .preparedQuery("SELECT version FROM campaigns.program WHERE program_id = $1 FOR UPDATE")
                .execute(Tuple.of(programId))
                .chain(rows -> {
                    long previous = rows.iterator().hasNext() ? rows.iterator().next().getLong("version") : 0;
                    Instant now = Instant.now();
                    Program program = new Program(programId, definition.category(), List.copyOf(definition.senders()),
                            definition.helpText(), definition.footerTexts(), definition.allowedCountries(),
                            definition.quietHours(), definition.defaultLocale(), previous + 1, now);
                    return ownersOf(connection, programId, destinations)
                            .chain(() -> connection.preparedQuery("INSERT INTO campaigns.program (program_id, definition, version,"
                                    + " deleted, updated_at) VALUES ($1, $2, $3, false, $4) ON CONFLICT (program_id) DO UPDATE"
                                    + " SET definition = EXCLUDED.definition, version = EXCLUDED.version, deleted = false,"
                                    + " updated_at = EXCLUDED.updated_at")
                                    .execute(Tuple.of(programId, json(program), program.version(), time(now))))
                            .chain(() -> connection.preparedQuery("DELETE FROM campaigns.program_sender WHERE program_id = $1")
                                    .execute(Tuple.of(programId)))
                            .chain(() -> destinations.isEmpty() ? Uni.createFrom().voidItem()
                                    : connection.preparedQuery("INSERT INTO campaigns.program_sender (sender, program_id)"
                                            + " VALUES ($1, $2)")
                                            .executeBatch(destinations.stream().map(d -> Tuple.of(d, programId)).toList())
                                            .replaceWithVoid())
                            .replaceWith(program);
                }));
    }

    private static Uni<Void> ownersOf(SqlConnection connection, String programId, List<String> destinations) {
        if (destinations.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery("SELECT sender, program_id FROM campaigns.program_sender WHERE sender = ANY($1)"
                + " AND program_id <> $2 ORDER BY sender LIMIT 1")
                .execute(Tuple.of(destinations.toArray(String[]::new), programId))
                .map(rows -> {
                    for (Row row : rows) {
                        throw new SenderTakenException(row.getString("sender"), row.getString("program_id"));
                    }
                    return null;
                });
    }

    /** Deletes a program (its tombstone is then published); false when there is no such program. */
    public Uni<Boolean> delete(String programId) {
        return pool.withTransaction(connection -> connection
                .preparedQuery("UPDATE campaigns.program SET deleted = true, version = version + 1, updated_at = $2"
                        + " WHERE program_id = $1 AND NOT deleted RETURNING version")
                .execute(Tuple.of(programId, time(Instant.now())))
                .chain(rows -> rows.rowCount() == 0 ? Uni.createFrom().item(false)
                        : connection.preparedQuery("DELETE FROM campaigns.program_sender WHERE program_id = $1")
                                .execute(Tuple.of(programId)).replaceWith(true)));
    }

    public Uni<Optional<Program>> find(String programId) {
        return pool.preparedQuery("SELECT definition FROM campaigns.program WHERE program_id = $1 AND NOT deleted")
                .execute(Tuple.of(programId))
                .map(rows -> {
                    for (Row row : rows) {
                        return Optional.of(program(row.getString("definition")));
                    }
                    return Optional.empty();
                });
    }

    public Uni<List<Program>> list() {
        return pool.query("SELECT definition FROM campaigns.program WHERE NOT deleted ORDER BY program_id").execute()
                .map(rows -> {
                    List<Program> programs = new ArrayList<>();
                    rows.forEach(row -> programs.add(program(row.getString("definition"))));
                    return programs;
                });
    }

    /** Every change Kafka has not acknowledged yet, in programId order. */
    public Uni<List<Pending>> unpublished() {
        return pool.query("SELECT program_id, definition, version, deleted FROM campaigns.program"
                + " WHERE published_version < version ORDER BY program_id").execute()
                .map(ProgramStore::pending);
    }

    /**
     * Every program, and the deletes not published yet (at startup: a topic that lost its records gets them back; a
     * published tombstone is not sent again, a program it deleted is absent either way).
     */
    public Uni<List<Pending>> all() {
        return pool.query("SELECT program_id, definition, version, deleted FROM campaigns.program"
                + " WHERE NOT deleted OR published_version < version ORDER BY program_id").execute()
                .map(ProgramStore::pending);
    }

    /** The program's row as it is now, null when there is none. */
    public Uni<Pending> current(String programId) {
        return pool.preparedQuery("SELECT program_id, definition, version, deleted FROM campaigns.program WHERE program_id = $1")
                .execute(Tuple.of(programId))
                .map(rows -> pending(rows).stream().findFirst().orElse(null));
    }

    private static List<Pending> pending(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        List<Pending> pending = new ArrayList<>();
        rows.forEach(row -> pending.add(new Pending(row.getString("program_id"), row.getLong("version"),
                row.getBoolean("deleted") ? null : program(row.getString("definition")))));
        return pending;
    }

    public Uni<Void> markPublished(String programId, long version) {
        return pool.preparedQuery("UPDATE campaigns.program SET published_version = GREATEST(published_version, $2)"
                + " WHERE program_id = $1").execute(Tuple.of(programId, version)).replaceWithVoid();
    }

    /** The program's version as published, or 0 when Kafka has not acknowledged it yet. */
    public Uni<Long> publishedVersion(String programId) {
        return pool.preparedQuery("SELECT published_version FROM campaigns.program WHERE program_id = $1")
                .execute(Tuple.of(programId))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getLong("published_version") : 0L);
    }

    private static String json(Program program) {
        return new String(EventCodec.encode(program), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static Program program(String json) {
        return EventCodec.bind(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), Program.class);
    }

    private static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
