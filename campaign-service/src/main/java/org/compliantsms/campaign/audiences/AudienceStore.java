package org.compliantsms.campaign.audiences;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.campaign.campaigns.MessageOutcome;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Audience uploads in PostgreSQL: their rows as campaign messages, their progress and their rejected rows. */
@ApplicationScoped
public class AudienceStore {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** An upload's columns; a RUNNING one that stored no batch for $2 milliseconds shows INTERRUPTED. */
    private static final String IMPORT = "id, campaignid, CASE WHEN state = 'RUNNING' AND COALESCE(updatedat, startedat)"
            + " < now() - $2::bigint * interval '1 millisecond' THEN 'INTERRUPTED' ELSE state END AS state,"
            + " rowsread, accepted, rejected, consents, lastline, startedat, finishedat, error";

    /** How long a RUNNING upload may store no batch before it counts as INTERRUPTED (its process died, say). */
    @ConfigMapping(prefix = "campaign.audience")
    public interface Config {
        @WithDefault("5m")
        Duration staleAfter();
    }

    private static final String INSERT_MESSAGES = "INSERT INTO campaigns.campaign_message (messageid, campaignid,"
            + " position, recipient, outcome, updatedat, locale, consenttime, consentsource, consentevidence, fields)"
            + " SELECT v.messageid, $1::uuid, v.position, v.recipient, '" + MessageOutcome.REQUESTED + "', now(), v.locale,"
            + " v.consenttime, v.consentsource, v.consentevidence, v.fields FROM unnest($2::text[], $3::int[],"
            + " $4::text[], $5::text[], $6::timestamptz[], $7::text[], $8::text[], $9::text[])"
            + " AS v(messageid, position, recipient, locale, consenttime, consentsource, consentevidence, fields)"
            + " ON CONFLICT DO NOTHING RETURNING messageid";

    private static final String INSERT_REJECTIONS = "INSERT INTO campaigns.audience_rejection (importid, line, reason,"
            + " detail) SELECT $1::uuid, v.line, v.reason, v.detail FROM unnest($2::bigint[], $3::text[], $4::text[])"
            + " AS v(line, reason, detail) ON CONFLICT DO NOTHING";

    /** A row ready to insert: its message id and position are given. */
    record Candidate(AudienceRow row, String messageId, int position, String fieldsJson) {
    }

    private final Pool pool;

    private final long staleAfter;

    public AudienceStore(Pool pool, Config config) {
        this.pool = pool;
        this.staleAfter = config.staleAfter().toMillis();
    }

    /**
     * Starts an upload for a DRAFT campaign with no upload running.
     *
     * @return the import id and the first free position, empty when the campaign is not a DRAFT or is importing
     */
    public Optional<Started> start(UUID campaignId) {
        return pool.withTransaction(connection -> connection.preparedQuery("SELECT state FROM campaigns.campaign"
                + " WHERE id = $1 FOR UPDATE").execute(Tuple.of(campaignId)).chain(rows -> {
                    if (rows.size() == 0 || !"DRAFT".equals(rows.iterator().next().getString("state"))) {
                        return Uni.createFrom().item(Optional.<Started> empty());
                    }
                    // An upload that stored nothing for STALE_AFTER died with its process: INTERRUPTED, its
                    // batches kept; a new upload may start (the same file again is safe: DUPLICATE rows).
                    return connection.preparedQuery("UPDATE campaigns.audience_import SET state = 'INTERRUPTED',"
                            + " finishedat = now(), error = 'no batch stored for ' || $2 || ' ms: the upload stopped"
                            + " (its connection or process) after line ' || lastline WHERE campaignid = $1"
                            + " AND state = 'RUNNING' AND COALESCE(updatedat, startedat)"
                            + " < now() - $2::bigint * interval '1 millisecond'")
                            .execute(Tuple.of(campaignId, staleAfter))
                            .chain(() -> connection.preparedQuery("SELECT count(*) AS n FROM campaigns.audience_import"
                            + " WHERE campaignid = $1 AND state = 'RUNNING'").execute(Tuple.of(campaignId)))
                            .chain(running -> {
                                if (running.iterator().next().getLong("n") > 0) {
                                    return Uni.createFrom().item(Optional.<Started> empty());
                                }
                                UUID id = UUID.randomUUID();
                                return connection.preparedQuery("INSERT INTO campaigns.audience_import (id,"
                                        + " campaignid, state, startedat) VALUES ($1, $2, 'RUNNING', now())")
                                        .execute(Tuple.of(id, campaignId))
                                        .chain(() -> connection.preparedQuery("SELECT COALESCE(max(position), -1) + 1"
                                                + " AS next FROM campaigns.campaign_message WHERE campaignid = $1")
                                                .execute(Tuple.of(campaignId)))
                                        .map(next -> Optional.of(new Started(id,
                                                next.iterator().next().getInteger("next"))));
                            });
                })).await().atMost(TIMEOUT);
    }

    public record Started(UUID importId, int nextPosition) {
    }

    /**
     * Stores one batch in one transaction: the rows (a number already in the campaign is not inserted and comes back
     * as a duplicate), the rejections, and the upload's progress.
     *
     * @return the candidates that were duplicates of numbers already stored
     */
    public List<Candidate> storeBatch(UUID campaignId, UUID importId, List<Candidate> candidates,
            List<Rejection> rejections, int rowsRead, int consents, Map<Integer, Long> consentOffsets) {
        Integer[] partitions = consentOffsets.keySet().toArray(Integer[]::new);
        Long[] offsets = consentOffsets.values().toArray(Long[]::new);
        int n = candidates.size();
        String[] ids = new String[n];
        Integer[] positions = new Integer[n];
        String[] recipients = new String[n];
        String[] locales = new String[n];
        OffsetDateTime[] consentTimes = new OffsetDateTime[n];
        String[] consentSources = new String[n];
        String[] consentEvidence = new String[n];
        String[] fields = new String[n];
        for (int i = 0; i < n; i++) {
            Candidate candidate = candidates.get(i);
            AudienceRow row = candidate.row();
            ids[i] = candidate.messageId();
            positions[i] = candidate.position();
            recipients[i] = row.recipient();
            locales[i] = row.locale();
            consentTimes[i] = row.consentTime() == null ? null : row.consentTime().atOffset(ZoneOffset.UTC);
            consentSources[i] = row.consentSource();
            consentEvidence[i] = row.consentEvidence();
            fields[i] = candidate.fieldsJson();
        }
        // An upload found INTERRUPTED (a new one may have started) stores nothing more: its batch is rolled back.
        return pool.withTransaction(connection -> connection.preparedQuery("UPDATE campaigns.audience_import SET"
                + " updatedat = now() WHERE id = $1 AND state = 'RUNNING'").execute(Tuple.of(importId))
                .invoke(running -> {
                    if (running.rowCount() == 0) {
                        throw new IllegalStateException("the upload was interrupted (no batch for "
                                + Duration.ofMillis(staleAfter) + "); a new upload may have started");
                    }
                })
                .chain(() -> connection.preparedQuery(INSERT_MESSAGES)
                .execute(Tuple.tuple(List.of(campaignId, ids, positions, recipients, locales, consentTimes,
                        consentSources, consentEvidence, fields)))
                .chain(inserted -> {
                    Set<String> stored = new HashSet<>();
                    for (Row row : inserted) {
                        stored.add(row.getString("messageid"));
                    }
                    List<Candidate> duplicates = new ArrayList<>();
                    for (Candidate candidate : candidates) {
                        if (!stored.contains(candidate.messageId())) {
                            duplicates.add(candidate);
                        }
                    }
                    List<Rejection> all = new ArrayList<>(rejections);
                    duplicates.forEach(d -> all.add(new Rejection(d.row().line(), Rejection.Reason.DUPLICATE,
                            "the number is already in the campaign's audience")));
                    Long[] lines = all.stream().map(Rejection::line).toArray(Long[]::new);
                    String[] reasons = all.stream().map(r -> r.reason().name()).toArray(String[]::new);
                    String[] details = all.stream().map(Rejection::detail).toArray(String[]::new);
                    return connection.preparedQuery(INSERT_REJECTIONS).execute(Tuple.of(importId, lines, reasons,
                            details))
                            .chain(() -> connection.preparedQuery("UPDATE campaigns.audience_import SET"
                                    + " rowsread = rowsread + $2, accepted = accepted + $3, rejected = rejected + $4,"
                                    + " consents = consents + $5, lastline = GREATEST(lastline, $6), updatedat = now()"
                                    + " WHERE id = $1")
                                    .execute(Tuple.tuple(List.of(importId, rowsRead, stored.size(), all.size(),
                                            consents, lastLine(candidates, rejections)))))
                            .chain(() -> partitions.length == 0 ? Uni.createFrom().voidItem()
                                    : connection.preparedQuery("INSERT INTO campaigns.campaign_consent_offset"
                                            + " (campaignid, kafkapartition, throughoffset) SELECT $1, v.p, v.o FROM"
                                            + " unnest($2::int[], $3::bigint[]) AS v(p, o) ON CONFLICT (campaignid,"
                                            + " kafkapartition) DO UPDATE SET throughoffset = GREATEST("
                                            + "campaign_consent_offset.throughoffset, EXCLUDED.throughoffset)")
                                            .execute(Tuple.of(campaignId, partitions, offsets)).replaceWithVoid())
                            .chain(() -> connection.preparedQuery("UPDATE campaigns.campaign SET recipientcount ="
                                    + " recipientcount + $2 WHERE id = $1").execute(Tuple.of(campaignId,
                                            stored.size())))
                            .map(ignored -> duplicates);
                }))).await().atMost(TIMEOUT);
    }

    private static long lastLine(List<Candidate> candidates, List<Rejection> rejections) {
        long last = 0;
        for (Candidate candidate : candidates) {
            last = Math.max(last, candidate.row().line());
        }
        for (Rejection rejection : rejections) {
            last = Math.max(last, rejection.line());
        }
        return last;
    }

    public void finish(UUID importId, String state, String error) {
        pool.preparedQuery("UPDATE campaigns.audience_import SET state = $2, finishedat = now(), error = $3"
                + " WHERE id = $1 AND state = 'RUNNING'").execute(Tuple.of(importId, state, error))
                .await().atMost(TIMEOUT);
    }

    /** What the rows of an upload are checked against: the campaign's program, sender and body. */
    public record Target(String programId, String senderId, String body) {
    }

    public Uni<Optional<Target>> target(UUID campaignId) {
        return pool.preparedQuery("SELECT programid, senderid, body FROM campaigns.campaign WHERE id = $1")
                .execute(Tuple.of(campaignId)).map(rows -> {
                    for (Row row : rows) {
                        return Optional.of(new Target(row.getString("programid"), row.getString("senderid"),
                                row.getString("body")));
                    }
                    return Optional.<Target> empty();
                });
    }

    /** The campaign's latest upload. */
    public Uni<Optional<ImportView>> latest(UUID campaignId) {
        return pool.preparedQuery("SELECT " + IMPORT + " FROM campaigns.audience_import WHERE campaignid = $1"
                + " ORDER BY startedat DESC LIMIT 1").execute(Tuple.of(campaignId, staleAfter))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(view(rows.iterator().next())));
    }

    public Optional<ImportView> importView(UUID importId) {
        var rows = pool.preparedQuery("SELECT " + IMPORT + " FROM campaigns.audience_import WHERE id = $1")
                .execute(Tuple.of(importId, staleAfter)).await().atMost(TIMEOUT);
        return rows.size() == 0 ? Optional.empty() : Optional.of(view(rows.iterator().next()));
    }

    /** Rejected rows of an upload of this campaign, by line, after {@code afterLine}. */
    public Uni<List<Rejection>> rejections(UUID campaignId, UUID importId, long afterLine, int limit) {
        return pool.preparedQuery("SELECT r.line, r.reason, r.detail FROM campaigns.audience_rejection r"
                + " JOIN campaigns.audience_import i ON i.id = r.importid"
                + " WHERE r.importid = $1 AND i.campaignid = $2 AND r.line > $3 ORDER BY r.line LIMIT $4")
                .execute(Tuple.of(importId, campaignId, afterLine, limit)).map(rows -> {
                    List<Rejection> rejections = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        rejections.add(new Rejection(row.getLong("line"),
                                Rejection.Reason.valueOf(row.getString("reason")), row.getString("detail")));
                    }
                    return rejections;
                });
    }

    private static ImportView view(Row row) {
        return new ImportView(row.getUUID("id"), row.getUUID("campaignid"), row.getString("state"),
                row.getInteger("rowsread"), row.getInteger("accepted"), row.getInteger("rejected"),
                row.getInteger("consents"), row.getLong("lastline"), instant(row, "startedat"),
                instant(row, "finishedat"), row.getString("error"));
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime time = row.getOffsetDateTime(column);
        return time == null ? null : time.toInstant();
    }
}
