package org.compliantsms.compliance.timeline;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.batch.RetryLaterException;
import org.compliantsms.compliance.erasure.ErasedNumbers;

/**
 * The timeline in PostgreSQL ({@code timeline_fact}): every fact once, whatever the redeliveries (primary key
 * (kind, event id), {@code on conflict do nothing}), a batch in one statement. A fact about a number erased after it
 * happened (a replay of a topic that still holds it) is not written again.
 */
@ApplicationScoped
public class TimelineStore {
    static final String COLUMNS = "kind, event_id, recipient, message_id, program_id, campaign_id, category, "
            + "decided_by, rule, reason, detail, footer_added, consent_id, encoding, segments, status, carrier, "
            + "carrier_message_id, error, consent_action, consent_source, keyword, evidence, occurred_at";
    /** Column by column as arrays: one statement for the whole batch, whatever its size. */
    private static final String INSERT = "insert into timeline_fact (" + COLUMNS + ") select * from unnest("
            + "?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], "
            + "?::text[], ?::text[], ?::text[]::boolean[], ?::text[], ?::text[], ?::text[]::integer[], ?::text[], "
            + "?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], "
            + "?::text[]::timestamptz[]) "
            + "on conflict (kind, event_id) do nothing";
    /** Facts in the order they happened; at the same instant, in the order a message goes through them. */
    private static final String KIND_ORDER =
            "array_position(array['CONSENT','REQUESTED','APPROVED','REJECTED','STATUS'], kind)";
    private static final String OF_MESSAGE = "select " + COLUMNS + " from timeline_fact where message_id = ? "
            + "order by occurred_at, " + KIND_ORDER;
    private static final String CONSENT_OF_NUMBER = "select " + COLUMNS + " from timeline_fact "
            + "where recipient = ? and kind = 'CONSENT' order by occurred_at, event_id";
    /** Each message's facts together, the messages in the order they were first heard of. */
    private static final String MESSAGES_OF_NUMBER = "select " + COLUMNS + " from timeline_fact "
            + "where recipient = ? and kind <> 'CONSENT' "
            + "order by min(occurred_at) over (partition by message_id), message_id, occurred_at, " + KIND_ORDER;
    private static final String ALL_OF_NUMBER = "select " + COLUMNS + " from timeline_fact where recipient = ? "
            + "order by occurred_at, " + KIND_ORDER + ", event_id";
    private static final String DELETE_NUMBER = "delete from timeline_fact where recipient = ?";
    private static final String COUNT_NUMBER = "select count(*) from timeline_fact where recipient = ?";
    private static final int FETCH_SIZE = 500;

    private final DataSource dataSource;
    private final ErasedNumbers erased;

    public TimelineStore(DataSource dataSource, ErasedNumbers erased) {
        this.dataSource = dataSource;
        this.erased = erased;
    }

    /**
     * Writes the facts in one transaction, each once. Throws {@link RetryLaterException} when PostgreSQL cannot take
     * them (the batch is delivered again).
     *
     * @return how many were new
     */
    public int record(List<Fact> facts) {
        if (facts.isEmpty()) {
            return 0;
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            List<Fact> kept = erased.without(connection, facts, Fact::recipient, Fact::occurredAt);
            int written;
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                bind(connection, insert, kept);
                written = insert.executeUpdate();
            }
            connection.commit();
            return written;
        } catch (SQLException e) {
            throw new RetryLaterException("PostgreSQL cannot store timeline facts: " + e.getMessage(), e);
        }
    }

    /** A message's facts in the order they happened; empty when the timeline knows no such message. */
    public List<Fact> ofMessage(String messageId) {
        List<Fact> facts = new ArrayList<>();
        query(OF_MESSAGE, messageId, facts::add);
        return facts;
    }

    /** The number's consent changes in the order they happened, streamed from a cursor. */
    public void consentOfNumber(String recipient, Consumer<Fact> each) {
        query(CONSENT_OF_NUMBER, recipient, each);
    }

    /** The number's messages, each message's facts together, streamed from a cursor. */
    public void messagesOfNumber(String recipient, Consumer<Fact> each) {
        query(MESSAGES_OF_NUMBER, recipient, each);
    }

    /** Every fact of the number in the order it happened, streamed from a cursor. */
    public void allOfNumber(String recipient, Consumer<Fact> each) {
        query(ALL_OF_NUMBER, recipient, each);
    }

    public long countOfNumber(String recipient) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement count = connection.prepareStatement(COUNT_NUMBER)) {
            count.setString(1, recipient);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL cannot count timeline facts: " + e.getMessage(), e);
        }
    }

    /** Deletes every fact of the number; returns how many. */
    public int eraseNumber(String recipient) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(DELETE_NUMBER)) {
            delete.setString(1, recipient);
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL cannot erase timeline facts: " + e.getMessage(), e);
        }
    }

    private void query(String sql, String parameter, Consumer<Fact> each) {
        try (Connection connection = dataSource.getConnection()) {
            // A cursor (autocommit off, a fetch size): a long timeline is never held whole in memory.
            connection.setAutoCommit(false);
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setFetchSize(FETCH_SIZE);
                select.setString(1, parameter);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        each.accept(read(rows));
                    }
                }
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL cannot read the timeline: " + e.getMessage(), e);
        }
    }

    /** Every column as a text array (PostgreSQL casts each to its column's type): nulls stay null. */
    private static void bind(Connection connection, PreparedStatement insert, List<Fact> facts) throws SQLException {
        int n = facts.size();
        String[][] columns = new String[24][n];
        for (int i = 0; i < n; i++) {
            Fact f = facts.get(i);
            String[] row = { f.kind().name(), f.eventId(), f.recipient(), f.messageId(), f.programId(),
                    f.campaignId(), f.category(), f.decidedBy(), f.rule(), f.reason(), f.detail(),
                    text(f.footerAdded()), f.consentId(), f.encoding(), text(f.segments()), f.status(), f.carrier(),
                    f.carrierMessageId(), f.error(), f.consentAction(), f.consentSource(), f.keyword(),
                    f.evidence(), f.occurredAt().toString() };
            for (int column = 0; column < row.length; column++) {
                columns[column][i] = row[column];
            }
        }
        for (int column = 0; column < columns.length; column++) {
            insert.setArray(column + 1, connection.createArrayOf("text", columns[column]));
        }
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static Fact read(ResultSet r) throws SQLException {
        boolean footer = r.getBoolean(12);
        Boolean footerAdded = r.wasNull() ? null : footer;
        int segments = r.getInt(15);
        Integer segmentCount = r.wasNull() ? null : segments;
        return new Fact(Fact.Kind.valueOf(r.getString(1)), r.getString(2), r.getString(3), r.getString(4),
                r.getString(5), r.getString(6), r.getString(7), r.getString(8), r.getString(9), r.getString(10),
                r.getString(11), footerAdded, r.getString(13), r.getString(14), segmentCount, r.getString(16),
                r.getString(17), r.getString(18), r.getString(19), r.getString(20), r.getString(21),
                r.getString(22), r.getString(23), r.getTimestamp(24).toInstant());
    }
}
