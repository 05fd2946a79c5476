package org.compliantsms.campaign.analytics;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.campaign.progress.CampaignProgress;
import org.compliantsms.events.Category;
import org.compliantsms.events.Encoding;
import org.compliantsms.events.MessageOutcome;
import org.compliantsms.events.Outcome;
import org.compliantsms.events.RejectionReason;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Joins each message's approval, statuses and rejection in PostgreSQL ({@link MessageFacts}), whichever consumer
 * reads its part first. Each part is merged by one upsert that returns the row as it is after the merge; the row
 * locks make concurrent merges of one message take turns, so the last one sees every part: when that row is
 * publishable (an outcome, and the approval known or the outcome a rejection) its outcome is returned to emit.
 * Merging the same part again changes nothing and returns the same outcome (emitted again, with the same ce_id).
 */
@ApplicationScoped
public class OutcomeStore {
    private static final String RETURNING = " RETURNING message_id, pseudonym, program_id, campaign_id, category,"
            + " country, encoding, segments, carrier, rejection_reason, outcome, approved, requested_at, decided_at,"
            + " submitted_at, final_at";

    private static final String APPROVAL = "INSERT INTO campaigns.message_facts (message_id, pseudonym, program_id, campaign_id,"
            + " category, country, encoding, segments, requested_at, decided_at, approved)"
            + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, true)"
            + " ON CONFLICT (message_id) DO UPDATE SET pseudonym = EXCLUDED.pseudonym, program_id = EXCLUDED.program_id,"
            + " campaign_id = EXCLUDED.campaign_id, category = EXCLUDED.category, country = EXCLUDED.country,"
            + " encoding = EXCLUDED.encoding, segments = EXCLUDED.segments, requested_at = EXCLUDED.requested_at,"
            + " decided_at = EXCLUDED.decided_at, approved = true" + RETURNING;

    /** An outcome moves forward only; one of the same rank replaces it (a receipt that corrects another). */
    private static final String STATUS = "INSERT INTO campaigns.message_facts (message_id, pseudonym, program_id, campaign_id,"
            + " country, carrier, outcome, outcome_rank, submitted_at, final_at, approved)"
            + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, false)"
            + " ON CONFLICT (message_id) DO UPDATE SET"
            + " campaign_id = COALESCE(message_facts.campaign_id, EXCLUDED.campaign_id),"
            + " carrier = COALESCE(EXCLUDED.carrier, message_facts.carrier),"
            + " outcome = CASE WHEN EXCLUDED.outcome_rank >= COALESCE(message_facts.outcome_rank, 0)"
            + "   THEN EXCLUDED.outcome ELSE message_facts.outcome END,"
            + " outcome_rank = GREATEST(EXCLUDED.outcome_rank, COALESCE(message_facts.outcome_rank, 0)),"
            + " submitted_at = COALESCE(message_facts.submitted_at, EXCLUDED.submitted_at),"
            + " final_at = CASE WHEN EXCLUDED.final_at IS NOT NULL"
            + "   AND EXCLUDED.outcome_rank >= COALESCE(message_facts.outcome_rank, 0)"
            + "   THEN EXCLUDED.final_at ELSE message_facts.final_at END" + RETURNING;

    private static final String REJECTION = "INSERT INTO campaigns.message_facts (message_id, pseudonym, program_id, campaign_id,"
            + " category, country, rejection_reason, outcome, outcome_rank, decided_at, final_at, approved)"
            + " VALUES ($1, $2, $3, $4, $5, $6, $7, 'REJECTED', 2, $8, $9, false)"
            + " ON CONFLICT (message_id) DO UPDATE SET rejection_reason = EXCLUDED.rejection_reason,"
            + " outcome = 'REJECTED', outcome_rank = 2,"
            + " category = COALESCE(message_facts.category, EXCLUDED.category),"
            + " campaign_id = COALESCE(message_facts.campaign_id, EXCLUDED.campaign_id),"
            + " decided_at = COALESCE(message_facts.decided_at, EXCLUDED.decided_at),"
            + " final_at = EXCLUDED.final_at" + RETURNING;

    /** One part of a message, as a statement and its parameters. */
    public record Part(String messageId, String statement, Tuple parameters) {
    }

    private final Pool pool;

    public OutcomeStore(Pool pool) {
        this.pool = pool;
    }

    public static Part approval(String messageId, String pseudonym, String programId, String campaignId,
            Category category, String country, Encoding encoding, int segments, Instant requestedAt,
            Instant approvedAt) {
        return new Part(messageId, APPROVAL, tuple(messageId, pseudonym, programId, campaignId,
                category.name(), country, encoding.name(), segments, time(requestedAt), time(approvedAt)));
    }

    public static Part status(String messageId, String pseudonym, String programId, String campaignId,
            String country, String carrier, Outcome outcome, Instant at) {
        return new Part(messageId, STATUS, tuple(messageId, pseudonym, programId, campaignId,
                country, carrier, outcome.name(), outcome.rank(),
                outcome.isFinal() ? null : time(at), outcome.isFinal() ? time(at) : null));
    }

    public static Part rejection(String messageId, String pseudonym, String programId, String campaignId,
            Category category, String country, RejectionReason reason, Instant decidedAt, Instant rejectedAt) {
        return new Part(messageId, REJECTION, tuple(messageId, pseudonym, programId,
                campaignId, category.name(), country, reason.name(),
                time(decidedAt), time(rejectedAt)));
    }

    /**
     * Merges the parts in one transaction (in message id order, each message's parts in their order, so that two
     * consumers never lock two rows in opposite orders) and returns the outcomes to emit. Consecutive parts of the
     * same statement go as one pipelined batch: one round trip for a run of them, executed in their order.
     */
    public List<MessageOutcome> merge(List<Part> parts) {
        if (parts.isEmpty()) {
            return List.of();
        }
        List<Part> ordered = parts.stream().sorted(Comparator.comparing(Part::messageId)).toList();
        return CampaignProgress.await(() -> pool.withTransaction(connection -> {
            Uni<List<MessageOutcome>> chain = Uni.createFrom().item(new ArrayList<>());
            for (List<Part> run : runs(ordered)) {
                List<Tuple> parameters = run.stream().map(Part::parameters).toList();
                chain = chain.chain(outcomes -> connection.preparedQuery(run.get(0).statement())
                        .executeBatch(parameters)
                        .map(rows -> {
                            for (RowSet<Row> each = rows; each != null; each = each.next()) {
                                publishable(each).forEach(outcomes::add);
                            }
                            return outcomes;
                        }));
            }
            return chain;
        }));
    }

    /** The parts cut into runs of one statement, in their order. */
    private static List<List<Part>> runs(List<Part> ordered) {
        List<List<Part>> runs = new ArrayList<>();
        List<Part> run = new ArrayList<>();
        for (Part part : ordered) {
            if (!run.isEmpty() && !run.get(0).statement().equals(part.statement())) {
                runs.add(run);
                run = new ArrayList<>();
            }
            run.add(part);
        }
        if (!run.isEmpty()) {
            runs.add(run);
        }
        return runs;
    }

    private static List<MessageOutcome> publishable(RowSet<Row> rows) {
        List<MessageOutcome> outcomes = new ArrayList<>(1);
        for (Row row : rows) {
            String outcome = row.getString("outcome");
            if (outcome == null || !(row.getBoolean("approved") || outcome.equals(Outcome.REJECTED.name()))) {
                continue;
            }
            Outcome reached = Outcome.valueOf(outcome);
            String category = row.getString("category");
            String encoding = row.getString("encoding");
            String reason = row.getString("rejection_reason");
            outcomes.add(new MessageOutcome(row.getString("message_id"), row.getString("pseudonym"),
                    row.getString("program_id"), row.getString("campaign_id"),
                    category == null ? null : Category.valueOf(category), row.getString("country"),
                    encoding == null ? null : Encoding.valueOf(encoding), row.getInteger("segments"),
                    row.getString("carrier"), reached, reached.isFinal(),
                    reached == Outcome.REJECTED && reason != null ? RejectionReason.valueOf(reason) : null,
                    instant(row, "requested_at"), instant(row, "decided_at"), instant(row, "submitted_at"),
                    instant(row, "final_at")));
        }
        return outcomes;
    }

    /** Parameters that may be null (an absent campaign, carrier or time). */
    private static Tuple tuple(Object... values) {
        Tuple tuple = Tuple.tuple();
        for (Object value : values) {
            tuple.addValue(value);
        }
        return tuple;
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime time = row.getOffsetDateTime(column);
        return time == null ? null : time.toInstant();
    }
}
