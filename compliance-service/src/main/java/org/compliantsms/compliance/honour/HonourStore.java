package org.compliantsms.compliance.honour;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.batch.RetryLaterException;

/**
 * The opt-outs' receipt and effect times in PostgreSQL (table opt_out_honour). Writes are idempotent: a change
 * recorded twice (the list API, then compliance's consumer of the same event) keeps its first receipt and its
 * earliest effect. PostgreSQL down is a {@link RetryLaterException}: the consumer of consent changes pauses (its
 * index writes are done by then), the list API answers 503.
 */
@ApplicationScoped
public class HonourStore {
    private static final String UPSERT = """
            insert into opt_out_honour (event_id, recipient, country, program_id, scope, source, channel, actor,
                                        requested_at, received_at, effective_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (event_id) do update
               set effective_at = least(opt_out_honour.effective_at, excluded.effective_at)
            """;
    private static final String REPORT = """
            select event_id, recipient, country, program_id, scope, source, channel, actor, requested_at, received_at,
                   effective_at
              from opt_out_honour
             where received_at >= ? and received_at < ? and (? or program_id = ?)
             order by received_at, event_id
            """;

    private final DataSource dataSource;
    private final HonourConfig config;

    public HonourStore(DataSource dataSource, HonourConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    /**
     * Replaces the number of its rows by {@code pseudonym} (a GDPR erasure, {@link HonourEraser}): the report keeps
     * when each opt-out was received and honoured, not who asked.
     *
     * @return how many rows
     */
    public int pseudonymise(String recipient, String pseudonym) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "update opt_out_honour set recipient = ?, actor = null where recipient = ?")) {
            update.setString(1, pseudonym);
            update.setString(2, recipient);
            return update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL cannot erase opt-out records: " + e.getMessage(), e);
        }
    }

    /** Records the opt-outs (received; effective when {@code effectiveAt} is set), in one round trip. */
    public void record(List<OptOutRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        // Two writers (the list API, the consumer of its events) upsert the same rows: in one order, so that their
        // batches never wait for each other in a cycle (a deadlock).
        List<OptOutRecord> ordered = records.stream().sorted(Comparator.comparing(OptOutRecord::eventId)).toList();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            for (OptOutRecord r : ordered) {
                upsert.setString(1, r.eventId());
                upsert.setString(2, r.recipient());
                upsert.setString(3, r.country());
                upsert.setString(4, r.programId());
                upsert.setString(5, r.scope());
                upsert.setString(6, r.source());
                upsert.setString(7, r.channel());
                upsert.setString(8, r.actor());
                setInstant(upsert, 9, r.requestedAt());
                setInstant(upsert, 10, r.receivedAt());
                setInstant(upsert, 11, r.effectiveAt());
                upsert.addBatch();
            }
            upsert.executeBatch();
        } catch (SQLException e) {
            SQLException cause = e.getNextException() != null ? e.getNextException() : e;
            throw new RetryLaterException("PostgreSQL does not take the opt-outs' times: " + cause.getMessage(), e);
        }
    }

    /**
     * Streams the opt-outs received in [from, to), oldest first, with a server-side cursor: never the whole
     * report in memory.
     *
     * @param programId null for every program
     */
    public void forEach(String programId, Instant from, Instant to, Consumer<OptOutRecord> each) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            // PostgreSQL's JDBC driver uses a cursor (fetchSize rows at a time) only outside auto-commit.
            connection.setAutoCommit(false);
            try (PreparedStatement query = connection.prepareStatement(REPORT)) {
                query.setFetchSize(config.fetchSize());
                setInstant(query, 1, from);
                setInstant(query, 2, to);
                query.setBoolean(3, programId == null);
                query.setString(4, programId);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        each.accept(new OptOutRecord(rows.getString(1), rows.getString(2), rows.getString(3),
                                rows.getString(4), rows.getString(5), rows.getString(6), rows.getString(7),
                                rows.getString(8), instant(rows, 9), instant(rows, 10), instant(rows, 11)));
                    }
                }
            } finally {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new RetryLaterException("PostgreSQL does not answer: " + e.getMessage(), e);
        }
    }

    private static void setInstant(PreparedStatement statement, int index, Instant at) throws SQLException {
        if (at == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setTimestamp(index, Timestamp.from(at));
        }
    }

    private static Instant instant(ResultSet rows, int index) throws SQLException {
        Timestamp at = rows.getTimestamp(index);
        return at == null ? null : at.toInstant();
    }
}
