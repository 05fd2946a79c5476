package org.compliantsms.deferral;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.compliantsms.batch.Output;
import org.compliantsms.batch.RetryLaterException;
import org.compliantsms.events.EventCodec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;

/**
 * The durable deferral store, a PostgreSQL table: a record waits there, not in a consumer, so nothing holds a Kafka
 * record while it waits and a far-future message delays nothing behind it. Why PostgreSQL: durable across restarts
 * of everything (the platform's Redis keeps nothing on disk), and {@code FOR UPDATE SKIP LOCKED} lets every replica
 * release due records without releasing one twice.
 */
@ApplicationScoped
public class DeferralStore {
    private static final String INSERT = """
            insert into deferred_record (id, due_at, topic, record_key, record_value, headers)
            values (?, ?, ?, ?, ?, cast(? as jsonb)) on conflict (id) do nothing""";
    private static final String CLAIM_DUE = """
            select id, topic, record_key, record_value, headers from deferred_record
            where due_at <= now() order by due_at limit ? for update skip locked""";
    private static final String DELETE = "delete from deferred_record where id = any(?)";
    private static final String COUNT = "select count(*) from deferred_record";

    private final DataSource dataSource;

    public DeferralStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores them in one transaction; throws {@link RetryLaterException} when PostgreSQL cannot take them. */
    public void deferAll(List<Deferred> records) {
        if (records.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            connection.setAutoCommit(false);
            for (Deferred deferred : records) {
                Output record = deferred.record();
                insert.setString(1, deferred.id());
                insert.setTimestamp(2, Timestamp.from(deferred.dueAt()));
                insert.setString(3, record.topic());
                insert.setString(4, record.key());
                insert.setBytes(5, record.value());
                insert.setString(6, encode(record.headers().toArray()));
                insert.addBatch();
            }
            insert.executeBatch();
            connection.commit();
        } catch (SQLException e) {
            throw new RetryLaterException("PostgreSQL cannot store deferred records: " + e.getMessage(), e);
        }
    }

    /**
     * Takes up to {@code max} due records, lets {@code release} produce them, and deletes them only if it returned
     * normally, all in one transaction (rows locked, other replicas skip them). Returns how many were released.
     */
    public int releaseDue(int max, Consumer<List<Output>> release) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                List<String> ids = new ArrayList<>();
                List<Output> due = new ArrayList<>();
                try (PreparedStatement claim = connection.prepareStatement(CLAIM_DUE)) {
                    claim.setInt(1, max);
                    try (ResultSet rows = claim.executeQuery()) {
                        while (rows.next()) {
                            ids.add(rows.getString(1));
                            due.add(new Output(rows.getString(2), rows.getString(3), rows.getBytes(4),
                                    decode(rows.getString(5))));
                        }
                    }
                }
                if (!due.isEmpty()) {
                    release.accept(due);
                    try (PreparedStatement delete = connection.prepareStatement(DELETE)) {
                        delete.setArray(1, connection.createArrayOf("text", ids.toArray()));
                        delete.executeUpdate();
                    }
                }
                connection.commit();
                return due.size();
            } catch (RuntimeException | SQLException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** Records waiting now (for readiness data and the bench). */
    public long waiting() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement count = connection.prepareStatement(COUNT);
                ResultSet row = count.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private static String encode(Header[] headers) {
        List<Map<String, String>> list = new ArrayList<>();
        for (Header header : headers) {
            list.add(Map.of("name", header.key(), "value",
                    header.value() == null ? "" : Base64.getEncoder().encodeToString(header.value())));
        }
        try {
            return EventCodec.mapper().writeValueAsString(list);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RecordHeaders decode(String json) {
        RecordHeaders headers = new RecordHeaders();
        try {
            for (Map<String, String> header : EventCodec.mapper().readValue(json,
                    new TypeReference<List<Map<String, String>>>() {
                    })) {
                headers.add(header.get("name"), Base64.getDecoder().decode(header.get("value")
                        .getBytes(StandardCharsets.US_ASCII)));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable headers of a deferred record", e);
        }
        return headers;
    }
}
