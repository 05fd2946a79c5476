package org.compliantsms.campaign.emission;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.events.Category;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The emission's state in PostgreSQL: which replica emits a campaign (a lease it renews with each chunk) and the
 * cursor, the last position Kafka acknowledged. Blocking calls, made from the emission threads only.
 */
@ApplicationScoped
public class EmissionStore {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String CAMPAIGN = "id, programid, senderid, category, body, locale, notbefore, validuntil,"
            + " ratepersecond, emittedthrough";

    /** A campaign being emitted by this replica. */
    public record Emission(UUID id, String programId, String senderId, Category category, String body, String locale,
            Instant notBefore, Instant validUntil, Integer ratePerSecond, int emittedThrough) {
    }

    /** A message not emitted yet. */
    /** @param fields the audience row's custom fields as JSON, null for inline recipients */
    public record Pending(String messageId, int position, String recipient, String locale, String fields) {
    }

    private final Pool pool;

    public EmissionStore(Pool pool) {
        this.pool = pool;
    }

    /** Takes the lease of the oldest campaign that is due and that no replica holds. */
    public Optional<Emission> claimDue(String owner, Duration lease) {
        return claim("(SELECT id FROM campaigns.campaign WHERE state IN ('SCHEDULED', 'EMITTING')"
                + " AND (sendat IS NULL OR sendat <= now()) AND (leaseuntil IS NULL OR leaseuntil < now())"
                + " ORDER BY createdat LIMIT 1 FOR UPDATE SKIP LOCKED)", Tuple.of(owner, lease.toMillis()));
    }

    /** Takes the lease of this campaign if it is due and no replica holds it. */
    public Optional<Emission> claim(UUID id, String owner, Duration lease) {
        return claim("(SELECT id FROM campaigns.campaign WHERE id = $3 AND state IN ('SCHEDULED', 'EMITTING')"
                + " AND (sendat IS NULL OR sendat <= now()) AND (leaseuntil IS NULL OR leaseuntil < now()"
                + " OR leaseowner = $1) FOR UPDATE SKIP LOCKED)", Tuple.of(owner, lease.toMillis(), id));
    }

    private Optional<Emission> claim(String which, Tuple parameters) {
        var rows = pool.preparedQuery("UPDATE campaigns.campaign SET state = 'EMITTING', leaseowner = $1,"
                + " leaseuntil = now() + $2::bigint * interval '1 millisecond' WHERE id = " + which + " RETURNING " + CAMPAIGN)
                .execute(parameters).await().atMost(TIMEOUT);
        for (Row row : rows) {
            return Optional.of(new Emission(row.getUUID("id"), row.getString("programid"), row.getString("senderid"),
                    Category.valueOf(row.getString("category")), row.getString("body"), row.getString("locale"),
                    instant(row, "notbefore"), instant(row, "validuntil"), row.getInteger("ratepersecond"),
                    row.getInteger("emittedthrough")));
        }
        return Optional.empty();
    }

    /** The next messages after the cursor, in campaign order. */
    public List<Pending> pending(UUID id, int after, int limit) {
        var rows = pool.preparedQuery("SELECT messageid, position, recipient, locale, fields FROM campaigns.campaign_message"
                + " WHERE campaignid = $1 AND position > $2 ORDER BY position LIMIT $3")
                .execute(Tuple.of(id, after, limit)).await().atMost(TIMEOUT);
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

    private static Instant instant(Row row, String column) {
        OffsetDateTime time = row.getOffsetDateTime(column);
        return time == null ? null : time.toInstant();
    }
}
