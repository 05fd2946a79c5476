package org.compliantsms.compliance.erasure;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The record of every erasure ({@code erasure_record}): the number's HMAC, when, who, why, what was removed and
 * which scopes stay suppressed. Writing it takes the advisory lock of the number's bucket, which the timeline's and the
 * consent ledger's writers take shared before they look for an erasure ({@link ErasedNumbers}): a batch that was about
 * to write the number's rows is either done before (and its rows are then erased) or sees this record (and drops
 * them). Buckets, not numbers: a batch of thousands of numbers holds at most {@link #LOCK_BUCKETS} locks
 * (PostgreSQL's lock table is bounded by max_locks_per_transaction); an erasure may wait for a batch of other numbers
 * of its bucket, which is harmless.
 */
@ApplicationScoped
public class ErasureRecords {
    public static final int LOCK_BUCKETS = 128;
    private static final String LOCK = "select pg_advisory_xact_lock(hashtext(?) & " + (LOCK_BUCKETS - 1) + ")";
    private static final String INSERT = """
            insert into erasure_record (number_hmac, erased_at, actor, reason, removed, suppressed_scopes)
            values (?, ?, ?, ?, '', ?) returning id""";
    private static final String REMOVED = "update erasure_record set removed = ? where id = ?";

    private final DataSource dataSource;

    public ErasureRecords(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Records that an erasure starts now; returns its id. */
    public long begin(String numberHmac, Instant at, String actor, String reason, String suppressedScopes) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement lock = connection.prepareStatement(LOCK);
                    PreparedStatement insert = connection.prepareStatement(INSERT)) {
                lock.setString(1, numberHmac);
                lock.execute();
                insert.setString(1, numberHmac);
                insert.setTimestamp(2, Timestamp.from(at));
                insert.setString(3, actor);
                insert.setString(4, reason);
                insert.setString(5, suppressedScopes);
                long id;
                try (ResultSet rows = insert.executeQuery()) {
                    rows.next();
                    id = rows.getLong(1);
                }
                connection.commit();
                return id;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL cannot record the erasure: " + e.getMessage(), e);
        }
    }

    public void removed(long id, String removed) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(REMOVED)) {
            update.setString(1, removed);
            update.setLong(2, id);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL cannot complete the erasure record: " + e.getMessage(), e);
        }
    }
}
