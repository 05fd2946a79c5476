package org.compliantsms.campaign.emission;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.campaign.waves.LocalWindow;
import org.compliantsms.campaign.waves.RecipientZones;
import org.compliantsms.events.Category;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The emission's state in PostgreSQL: which replica emits a campaign (a lease it renews with each chunk) and the
 * cursor, the last position Kafka acknowledged. Blocking calls, made from the emission threads only.
 */
@ApplicationScoped
public class EmissionStore {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String CAMPAIGN = "id, programid, senderid, category, body, locale, notbefore, validuntil,"
            + " ratepersecond, emittedthrough, windowfrom, windowto";

    /**
     * A campaign being emitted by this replica.
     *
     * @param window the recipients' local sending window, null when every recipient is released at once
     */
    public record Emission(UUID id, String programId, String senderId, Category category, String body, String locale,
            Instant notBefore, Instant validUntil, Integer ratePerSecond, int emittedThrough, LocalWindow window) {
    }

    /** A wave of a campaign sent in local windows: the recipients of one set of time zones, and its cursor. */
    public record Wave(String timeZones, int emittedThrough) {
    }

    /** A message not emitted yet. */
    /** @param fields the audience row's custom fields as JSON, null for inline recipients */
    public record Pending(String messageId, int position, String recipient, String locale, String fields) {
    }

    private final Pool pool;

    public EmissionStore(Pool pool) {
        this.pool = pool;
    }

    /**
     * Takes the lease of the oldest campaign that is due ({@code now}: the emitter's clock) and that no replica
     * holds. Leases are kept on PostgreSQL's time, which every replica shares.
     */
    public Optional<Emission> claimDue(String owner, Duration lease, Instant now) {
        return claim("(SELECT id FROM campaigns.campaign WHERE state IN ('SCHEDULED', 'EMITTING')"
                + " AND (sendat IS NULL OR sendat <= $3) AND (leaseuntil IS NULL OR leaseuntil < now())"
                + " ORDER BY createdat LIMIT 1 FOR UPDATE SKIP LOCKED)",
                Tuple.of(owner, lease.toMillis(), now.atOffset(ZoneOffset.UTC)));
    }

    /** Takes the lease of this campaign if it is due and no replica holds it. */
    public Optional<Emission> claim(UUID id, String owner, Duration lease, Instant now) {
        return claim("(SELECT id FROM campaigns.campaign WHERE id = $3 AND state IN ('SCHEDULED', 'EMITTING')"
                + " AND (sendat IS NULL OR sendat <= $4) AND (leaseuntil IS NULL OR leaseuntil < now()"
                + " OR leaseowner = $1) FOR UPDATE SKIP LOCKED)",
                Tuple.of(owner, lease.toMillis(), id, now.atOffset(ZoneOffset.UTC)));
    }

    private Optional<Emission> claim(String which, Tuple parameters) {
        var rows = pool.preparedQuery("UPDATE campaigns.campaign SET state = 'EMITTING', leaseowner = $1,"
                + " leaseuntil = now() + $2::bigint * interval '1 millisecond' WHERE id = " + which + " RETURNING " + CAMPAIGN)
                .execute(parameters).await().atMost(TIMEOUT);
        for (Row row : rows) {
            return Optional.of(new Emission(row.getUUID("id"), row.getString("programid"), row.getString("senderid"),
                    Category.valueOf(row.getString("category")), row.getString("body"), row.getString("locale"),
                    instant(row, "notbefore"), instant(row, "validuntil"), row.getInteger("ratepersecond"),
                    row.getInteger("emittedthrough"), window(row)));
        }
        return Optional.empty();
    }

    /**
     * The next messages after the cursor, in campaign order; those a wave's cursor already covers (a campaign that
     * was sent in local windows, then without) are requested and left out.
     */
    public List<Pending> pending(UUID id, int after, int limit) {
        var rows = pool.preparedQuery("SELECT m.messageid, m.position, m.recipient, m.locale, m.fields"
                + " FROM campaigns.campaign_message m LEFT JOIN campaigns.campaign_wave w"
                + " ON w.campaignid = m.campaignid AND w.timezones = m.timezones"
                + " WHERE m.campaignid = $1 AND m.position > $2 AND (w.emittedthrough IS NULL"
                + " OR m.position > w.emittedthrough) ORDER BY m.position LIMIT $3")
                .execute(Tuple.of(id, after, limit)).await().atMost(TIMEOUT);
        return pending(rows);
    }

    /** The next messages of one wave after {@code after} (the greater of its cursor and the campaign's). */
    public List<Pending> pendingInWave(UUID id, String timeZones, int after, int limit) {
        var rows = pool.preparedQuery("SELECT messageid, position, recipient, locale, fields"
                + " FROM campaigns.campaign_message WHERE campaignid = $1 AND timezones = $2 AND position > $3"
                + " ORDER BY position LIMIT $4")
                .execute(Tuple.of(id, timeZones, after, limit)).await().atMost(TIMEOUT);
        return pending(rows);
    }

    private static List<Pending> pending(RowSet<Row> rows) {
        List<Pending> pending = new ArrayList<>(rows.size());
        for (Row row : rows) {
            pending.add(new Pending(row.getString("messageid"), row.getInteger("position"), row.getString("recipient"),
                    row.getString("locale"), row.getString("fields")));
        }
        return pending;
    }

    /**
     * Moves the cursor (Kafka acknowledged every message up to {@code through}) and renews the lease.
     *
     * @return the campaign's state now (PAUSED or CANCELLED stop the emission), empty when the lease was lost
     */
    public Optional<String> advance(UUID id, String owner, int through, Duration lease) {
        var rows = pool.preparedQuery("UPDATE campaigns.campaign SET emittedthrough = GREATEST(emittedthrough, $3),"
                + " leaseuntil = now() + $4::bigint * interval '1 millisecond' WHERE id = $1 AND leaseowner = $2 RETURNING state")
                .execute(Tuple.of(id, owner, through, lease.toMillis())).await().atMost(TIMEOUT);
        for (Row row : rows) {
            return Optional.of(row.getString("state"));
        }
        return Optional.empty();
    }

    /**
     * Moves a wave's cursor (Kafka acknowledged every message of the wave up to {@code through}) and renews the
     * campaign's lease, in one statement. A cursor moves only over acknowledged messages, so the wave's row moves
     * even when the lease was lost meanwhile.
     *
     * @return the campaign's state now, empty when the lease was lost
     */
    public Optional<String> advanceWave(UUID id, String owner, String timeZones, int through, Duration lease) {
        var rows = pool.preparedQuery("WITH wave AS (UPDATE campaigns.campaign_wave SET emittedthrough ="
                + " GREATEST(emittedthrough, $4) WHERE campaignid = $1 AND timezones = $3)"
                + " UPDATE campaigns.campaign SET leaseuntil = now() + $5::bigint * interval '1 millisecond'"
                + " WHERE id = $1 AND leaseowner = $2 RETURNING state")
                .execute(Tuple.of(id, owner, timeZones, through, lease.toMillis())).await().atMost(TIMEOUT);
        for (Row row : rows) {
            return Optional.of(row.getString("state"));
        }
        return Optional.empty();
    }

    /**
     * The campaign's waves that still have messages to request, each with its cursor (the greater of its own and
     * the campaign's {@code emittedThrough}): its messages' time zones filled in where a row has none yet, and a wave
     * row made for each set of zones. The zones are computed here, once per campaign sent in local windows, not at
     * import: about 10 µs a number, which every other campaign would pay. The lease is renewed with each chunk.
     *
     * @throws IllegalStateException when the lease was lost meanwhile
     */
    public List<Wave> prepareWaves(UUID id, int emittedThrough, String owner, Duration lease) {
        boolean filled = false;
        while (true) {
            var missing = pool.preparedQuery("SELECT messageid, recipient FROM campaigns.campaign_message"
                    + " WHERE campaignid = $1 AND timezones IS NULL LIMIT 5000").execute(Tuple.of(id))
                    .await().atMost(TIMEOUT);
            if (missing.size() == 0) {
                break;
            }
            List<String> ids = new ArrayList<>(missing.size());
            List<String> zones = new ArrayList<>(missing.size());
            for (Row row : missing) {
                ids.add(row.getString("messageid"));
                zones.add(RecipientZones.waveKey(row.getString("recipient")));
            }
            pool.preparedQuery("UPDATE campaigns.campaign_message m SET timezones = v.zones FROM"
                    + " unnest($2::text[], $3::text[]) AS v(messageid, zones) WHERE m.campaignid = $1"
                    + " AND m.messageid = v.messageid")
                    .execute(Tuple.of(id, ids.toArray(String[]::new), zones.toArray(String[]::new)))
                    .await().atMost(TIMEOUT);
            filled = true;
            if (advance(id, owner, emittedThrough, lease).isEmpty()) {
                throw new IllegalStateException("lease of campaign " + id + " lost while its time zones were read");
            }
        }
        // The audience is fixed once sent: its waves are made once (a scan of the campaign's rows), not at each
        // re-check of a campaign waiting for its next window.
        boolean made = pool.preparedQuery("SELECT EXISTS (SELECT 1 FROM campaigns.campaign_wave WHERE campaignid = $1)"
                + " AS made").execute(Tuple.of(id)).await().atMost(TIMEOUT).iterator().next().getBoolean("made");
        if (filled || !made) {
            pool.preparedQuery("INSERT INTO campaigns.campaign_wave (campaignid, timezones) SELECT DISTINCT $1::uuid,"
                    + " timezones FROM campaigns.campaign_message WHERE campaignid = $1 ON CONFLICT DO NOTHING")
                    .execute(Tuple.of(id)).await().atMost(TIMEOUT);
        }
        var rows = pool.preparedQuery("SELECT w.timezones, GREATEST(w.emittedthrough, $2) AS emittedthrough"
                + " FROM campaigns.campaign_wave w WHERE w.campaignid = $1 AND EXISTS (SELECT 1"
                + " FROM campaigns.campaign_message m WHERE m.campaignid = w.campaignid AND m.timezones = w.timezones"
                + " AND m.position > GREATEST(w.emittedthrough, $2)) ORDER BY w.timezones")
                .execute(Tuple.of(id, emittedThrough)).await().atMost(TIMEOUT);
        List<Wave> waves = new ArrayList<>(rows.size());
        for (Row row : rows) {
            waves.add(new Wave(row.getString("timezones"), row.getInteger("emittedthrough")));
        }
        return waves;
    }

    /**
     * A wave whose zones are never inside the window together (further apart than the window is long): its
     * messages not requested yet are REJECTED with reason NO_LOCAL_WINDOW, never sent, and the wave is done.
     *
     * @return how many were rejected
     */
    public int rejectWave(UUID id, String timeZones, int after, String detail) {
        return pool.withTransaction(connection -> connection.preparedQuery("WITH never AS (SELECT messageid, position"
                + " FROM campaigns.campaign_message WHERE campaignid = $1 AND timezones = $2 AND position > $3),"
                + " marked AS (UPDATE campaigns.campaign_message m SET outcome = 'REJECTED', reason = 'NO_LOCAL_WINDOW',"
                + " detail = $4, updatedat = now() FROM never WHERE m.messageid = never.messageid"
                + " AND m.outcome = 'REQUESTED'),"
                + " events AS (INSERT INTO campaigns.campaign_message_event (messageid, outcome, campaignid, reason, at)"
                + " SELECT messageid, 'REJECTED', $1, 'NO_LOCAL_WINDOW', now() FROM never ON CONFLICT DO NOTHING)"
                + " UPDATE campaigns.campaign_wave SET emittedthrough = GREATEST(emittedthrough,"
                + " (SELECT COALESCE(max(position), -1) FROM never)) WHERE campaignid = $1 AND timezones = $2"
                + " RETURNING (SELECT count(*) FROM never) AS n")
                .execute(Tuple.of(id, timeZones, after, detail)))
                .map(rows -> rows.size() == 0 ? 0 : rows.iterator().next().getLong("n").intValue())
                .await().atMost(TIMEOUT);
    }

    /** Every message was emitted: REQUESTED, the lease given up. */
    public void finish(UUID id, String owner) {
        pool.preparedQuery("UPDATE campaigns.campaign SET state = CASE WHEN state = 'EMITTING' THEN 'REQUESTED'"
                + " ELSE state END, requestedat = now(), leaseowner = NULL, leaseuntil = NULL"
                + " WHERE id = $1 AND leaseowner = $2").execute(Tuple.of(id, owner)).await().atMost(TIMEOUT);
    }

    /**
     * Messages whose template could not be filled at emission (a field without fallback missing): REJECTED with
     * reason MISSING_FIELD, counted in the report, never sent. Upload rejects such rows, so this is the safety net.
     */
    public void rejectUnrendered(UUID id, List<Pending> messages, List<String> details) {
        String[] ids = messages.stream().map(Pending::messageId).toArray(String[]::new);
        String[] why = details.toArray(String[]::new);
        pool.withTransaction(connection -> connection.preparedQuery("UPDATE campaigns.campaign_message m SET"
                + " outcome = 'REJECTED', reason = 'MISSING_FIELD', detail = v.detail, updatedat = now()"
                + " FROM unnest($2::text[], $3::text[]) AS v(messageid, detail)"
                + " WHERE m.campaignid = $1 AND m.messageid = v.messageid").execute(Tuple.of(id, ids, why))
                .chain(() -> connection.preparedQuery("INSERT INTO campaigns.campaign_message_event (messageid,"
                        + " outcome, campaignid, reason, at) SELECT v, 'REJECTED', $1, 'MISSING_FIELD', now()"
                        + " FROM unnest($2::text[]) AS v ON CONFLICT DO NOTHING").execute(Tuple.of(id, ids))))
                .await().atMost(TIMEOUT);
    }

    /** Gives up the lease; nobody takes the campaign again before {@code retryAfter} has passed. */
    public void release(UUID id, String owner, Duration retryAfter) {
        pool.preparedQuery("UPDATE campaigns.campaign SET leaseowner = NULL,"
                + " leaseuntil = CASE WHEN $3::bigint > 0 THEN now() + $3::bigint * interval '1 millisecond' END"
                + " WHERE id = $1 AND leaseowner = $2").execute(Tuple.of(id, owner, retryAfter.toMillis()))
                .await().atMost(TIMEOUT);
    }

    private static LocalWindow window(Row row) {
        LocalTime from = row.getLocalTime("windowfrom");
        LocalTime to = row.getLocalTime("windowto");
        return from == null || to == null ? null : new LocalWindow(from, to);
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime time = row.getOffsetDateTime(column);
        return time == null ? null : time.toInstant();
    }
}
