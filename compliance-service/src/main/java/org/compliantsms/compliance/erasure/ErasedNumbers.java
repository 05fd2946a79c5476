package org.compliantsms.compliance.erasure;

import org.compliantsms.suppression.erased.NumberHmac;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Keeps erased numbers erased against replays: the writers of personal data that a topic may deliver again (the
 * timeline, the consent ledger) drop what happened before the number's erasure. In the writer's own transaction it
 * takes the advisory locks of the numbers' buckets shared, in order, the lock {@link ErasureRecords#begin} takes
 * exclusively: a batch that was about to write a number is either done before the erasure record (and its rows are
 * then erased) or sees it.
 */
@ApplicationScoped
public class ErasedNumbers {
    private static final String LOCK_NUMBERS = "select count(pg_advisory_xact_lock_shared(b)) from (select distinct "
            + "(hashtext(h) & " + (ErasureRecords.LOCK_BUCKETS - 1) + ") b from unnest(?::text[]) h order by b) buckets";
    private static final String ERASED = """
            select number_hmac, max(erased_at) from erasure_record where number_hmac = any(?) group by number_hmac""";

    private final NumberHmac hmac;

    public ErasedNumbers(NumberHmac hmac) {
        this.hmac = hmac;
    }

    /**
     * The items that happened after their number's last erasure (or of a number never erased), in their order.
     *
     * @param connection the writer's transaction (autocommit off): the locks are held until it ends
     */
    public <T> List<T> without(Connection connection, List<T> items, Function<T, String> recipient,
            Function<T, Instant> happenedAt) throws SQLException {
        if (items.isEmpty()) {
            return items;
        }
        Map<String, String> hmacs = new HashMap<>();
        for (T item : items) {
            hmacs.computeIfAbsent(recipient.apply(item), hmac::of);
        }
        Object[] keys = hmacs.values().toArray();
        try (PreparedStatement lock = connection.prepareStatement(LOCK_NUMBERS)) {
            lock.setArray(1, connection.createArrayOf("text", keys));
            lock.executeQuery().close();
        }
        Map<String, Instant> erasedAt = new HashMap<>();
        try (PreparedStatement erased = connection.prepareStatement(ERASED)) {
            erased.setArray(1, connection.createArrayOf("text", keys));
            try (ResultSet rows = erased.executeQuery()) {
                while (rows.next()) {
                    erasedAt.put(rows.getString(1), rows.getTimestamp(2).toInstant());
                }
            }
        }
        if (erasedAt.isEmpty()) {
            return items;
        }
        List<T> kept = new ArrayList<>(items.size());
        for (T item : items) {
            Instant erasure = erasedAt.get(hmacs.get(recipient.apply(item)));
            if (erasure == null || happenedAt.apply(item).isAfter(erasure)) {
                kept.add(item);
            }
        }
        return kept;
    }
}
