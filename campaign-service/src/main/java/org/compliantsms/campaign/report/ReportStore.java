package org.compliantsms.campaign.report;

import java.time.LocalTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.campaign.campaigns.CampaignState;
import org.compliantsms.campaign.waves.LocalWindow;
import org.compliantsms.campaign.waves.WaveProgress;
import org.compliantsms.campaign.waves.WindowView;
import org.compliantsms.events.RejectionReason;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads a campaign's report: its outcome events counted, and how far its emission went. */
@ApplicationScoped
public class ReportStore {
    /** Requested: behind the campaign's cursor or its wave's (a campaign sent in local windows). */
    private static final String CAMPAIGN = "SELECT c.programid, c.state, c.recipientcount, c.windowfrom, c.windowto,"
            + " (SELECT count(*) FROM campaigns.campaign_message m LEFT JOIN campaigns.campaign_wave w"
            + "  ON w.campaignid = m.campaignid AND w.timezones = m.timezones WHERE m.campaignid = c.id"
            + "  AND (m.position <= c.emittedthrough OR m.position <= w.emittedthrough)) AS requested"
            + " FROM campaigns.campaign c WHERE c.id = $1";
    private static final String COUNTS = "SELECT outcome, reason, count(*) AS n FROM campaigns.campaign_message_event"
            + " WHERE campaignid = $1 GROUP BY outcome, reason"
            + " UNION ALL SELECT 'OPTED_OUT_AFTER', NULL, count(DISTINCT messageid) FROM campaigns.campaign_optout"
            + " WHERE campaignid = $1";

    private final Pool pool;
    private final WaveProgress waves;

    public ReportStore(Pool pool, WaveProgress waves) {
        this.pool = pool;
        this.waves = waves;
    }

    public Uni<Optional<CampaignReport>> report(UUID id) {
        return pool.preparedQuery(CAMPAIGN).execute(Tuple.of(id)).chain(campaigns -> {
            if (campaigns.size() == 0) {
                return Uni.createFrom().item(Optional.<CampaignReport> empty());
            }
            Row campaign = campaigns.iterator().next();
            LocalTime from = campaign.getLocalTime("windowfrom");
            LocalWindow window = from == null ? null : new LocalWindow(from, campaign.getLocalTime("windowto"));
            return pool.preparedQuery(COUNTS).execute(Tuple.of(id)).chain(rows -> waves.of(id, window).map(wave -> {
                Map<String, Long> outcomes = new HashMap<>();
                Map<String, Long> rejections = new TreeMap<>();
                for (RejectionReason reason : RejectionReason.values()) {
                    rejections.put(reason.name(), 0L);
                }
                for (Row row : rows) {
                    long n = row.getLong("n");
                    outcomes.merge(row.getString("outcome"), n, Long::sum);
                    if ("REJECTED".equals(row.getString("outcome"))) {
                        rejections.merge(String.valueOf(row.getString("reason")), n, Long::sum);
                    }
                }
                return Optional.of(new CampaignReport(id, campaign.getString("programid"),
                        CampaignState.valueOf(campaign.getString("state")), campaign.getInteger("recipientcount"),
                        campaign.getLong("requested"), count(outcomes, "APPROVED"), count(outcomes, "DEFERRED"),
                        count(outcomes, "REJECTED"), rejections, count(outcomes, "SUBMITTED"),
                        count(outcomes, "UNCONFIRMED"), count(outcomes, "DELIVERED"), count(outcomes, "FAILED"),
                        count(outcomes, "EXPIRED"), count(outcomes, "UNDELIVERABLE"), count(outcomes, "UNKNOWN"),
                        count(outcomes, "OPTED_OUT_AFTER"), WindowView.of(window), wave.waitingForWindow(),
                        wave.waves()));
            }));
        });
    }

    private static long count(Map<String, Long> outcomes, String outcome) {
        return outcomes.getOrDefault(outcome, 0L);
    }
}
