package org.compliantsms.compliance.consent;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.batch.RetryLaterException;
import org.compliantsms.compliance.erasure.ErasedNumbers;
import org.compliantsms.events.ConsentAction;
import org.compliantsms.events.ConsentSource;

/**
 * The consent ledger, PostgreSQL table {@code consent_record} (sms_compliance): every consent change with its
 * evidence, one row per change, keyed by its eventId, so a redelivered change is kept once. Rows are only added.
 * Plain JDBC on the service's Agroal pool, as the deferral store: its callers (the batch consumers, the blocking
 * REST endpoints) run on worker threads and wait for the write anyway (docs/compliance.md#consent).
 */
@ApplicationScoped
public class ConsentLedger {
    private static final String COLUMNS = """
            id, recipient, program_id, action, source, pending_confirmation, confirms, shown_text, given_at,
            received_at, ip_address, channel, actor, keyword, language, evidence, sender_id""";
    private static final String INSERT = "insert into consent_record (" + COLUMNS
            + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (id) do nothing";
    private static final String SELECT = "select " + COLUMNS + ", recorded_at from consent_record ";
    private static final int FETCH = 5_000;
    /** The actions {@link ConsentIndex.Entry#of} writes: opt-ins grant nothing. */
    private static final String INDEXED_ACTIONS = Stream.of(ConsentAction.CONSENT_GRANTED,
            ConsentAction.CONSENT_REVOKED, ConsentAction.OPT_OUT, ConsentAction.OPT_OUT_ALL)
            .map(action -> "'" + action.name() + "'").collect(Collectors.joining(", ", "(", ")"));

    private final DataSource dataSource;
    private final ErasedNumbers erased;

    public ConsentLedger(DataSource dataSource, ErasedNumbers erased) {
        this.dataSource = dataSource;
        this.erased = erased;
    }

    /** Deletes every row of the number (a GDPR erasure, {@link ConsentEraser}); returns how many. */
    public int erase(String recipient) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(
                        "delete from consent_record where recipient = ?")) {
            delete.setString(1, recipient);
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL cannot erase consent records: " + e.getMessage(), e);
        }
    }

    /**
     * Adds the rows in one transaction; a row whose id is already there is left as it is (a redelivery). A change
     * the platform received before its number was erased (a replay of sms.consent-changed.v1) is not written again.
     *
     * @return the records kept: all but those of erased numbers (new or already there)
     * @throws RetryLaterException when PostgreSQL cannot take them
     */
    public List<ConsentRecord> record(List<ConsentRecord> records) {
        if (records.isEmpty()) {
            return records;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            connection.setAutoCommit(false);
            List<ConsentRecord> kept = erased.without(connection, records, ConsentRecord::recipient,
                    ConsentRecord::receivedAt);
            for (ConsentRecord record : kept) {
                int i = 0;
                insert.setString(++i, record.id());
                insert.setString(++i, record.recipient());
                insert.setString(++i, record.programId());
                insert.setString(++i, record.action().name());
                insert.setString(++i, record.source().name());
                insert.setBoolean(++i, record.pendingConfirmation());
                insert.setString(++i, record.confirms());
                insert.setString(++i, record.shownText());
                setInstant(insert, ++i, record.givenAt());
                setInstant(insert, ++i, record.receivedAt());
                insert.setString(++i, record.ipAddress());
                insert.setString(++i, record.channel());
                insert.setString(++i, record.actor());
                insert.setString(++i, record.keyword());
                insert.setString(++i, record.language());
                insert.setString(++i, record.evidence());
                insert.setString(++i, record.senderId());
                insert.addBatch();
            }
            if (!kept.isEmpty()) {
                insert.executeBatch();
            }
            connection.commit();
            return kept;
        } catch (SQLException e) {
            throw new RetryLaterException("PostgreSQL cannot record consent changes: " + e.getMessage(), e);
        }
    }

    /** Every change of one number, in the order they were received. */
    public List<ConsentRecord> history(String recipient) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(SELECT
                        + "where recipient = ? order by received_at, id")) {
            select.setString(1, recipient);
            List<ConsentRecord> records = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    records.add(read(rows));
                }
            }
            return records;
        }
    }

    public Optional<ConsentRecord> find(String id) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(SELECT + "where id = ?")) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(read(rows)) : Optional.empty();
            }
        }
    }

    /** Whether a confirmation of this pending grant was recorded. */
    public boolean confirmed(String pendingId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select 1 from consent_record where confirms = ? limit 1")) {
            select.setString(1, pendingId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** Streams every row that sets the index (grants in effect, revocations, opt-outs), with a cursor: any size. */
    public long forEachIndexed(Consumer<ConsentRecord> each) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false); // a server-side cursor: rows come FETCH at a time
            try (PreparedStatement select = connection.prepareStatement(SELECT + "where action in " + INDEXED_ACTIONS
                    + " and not pending_confirmation")) {
                select.setFetchSize(FETCH);
                long count = 0;
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        each.accept(read(rows));
                        count++;
                    }
                }
                connection.commit();
                return count;
            }
        }
    }

    /**
     * Streams, with a cursor, the rows that decide one program's consent: the program's own and the OPT_OUT_ALL of
     * the numbers that have any, each number's together, in the order they were received.
     */
    public void forEachOfProgram(String programId, Consumer<ConsentRecord> each) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false); // a server-side cursor: rows come FETCH at a time
            try (PreparedStatement select = connection.prepareStatement(SELECT + "where recipient in "
                    + "(select recipient from consent_record where program_id = ?) "
                    + "and (program_id = ? or action = 'OPT_OUT_ALL') order by recipient, received_at, id")) {
                select.setFetchSize(FETCH);
                select.setString(1, programId);
                select.setString(2, programId);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        each.accept(read(rows));
                    }
                }
            } finally {
                connection.rollback();
            }
        }
    }

    private static ConsentRecord read(ResultSet rows) throws SQLException {
        return new ConsentRecord(rows.getString("id"), rows.getString("recipient"), rows.getString("program_id"),
                ConsentAction.valueOf(rows.getString("action")), ConsentSource.valueOf(rows.getString("source")),
                rows.getBoolean("pending_confirmation"), rows.getString("confirms"), rows.getString("shown_text"),
                instant(rows, "given_at"), instant(rows, "received_at"), rows.getString("ip_address"),
                rows.getString("channel"), rows.getString("actor"), rows.getString("keyword"),
                rows.getString("language"), rows.getString("evidence"), rows.getString("sender_id"),
                instant(rows, "recorded_at"));
    }

    private static Instant instant(ResultSet rows, String column) throws SQLException {
        Timestamp value = rows.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    /** Millisecond precision, as the index and the events keep it: a rebuild then equals the live writes. */
    private static void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setTimestamp(index, Timestamp.from(value.truncatedTo(ChronoUnit.MILLIS)));
        }
    }
}
