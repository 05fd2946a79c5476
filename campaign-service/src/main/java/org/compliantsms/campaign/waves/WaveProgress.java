package org.compliantsms.campaign.waves;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * How far a campaign sent in local windows is: per wave, its messages not requested yet and whether its window is
 * open now (the emitter's clock). What waits for its window is the pending of the closed waves.
 */
@ApplicationScoped
public class WaveProgress {
    /** Not requested: behind neither the campaign's cursor nor its wave's, and not rejected at emission. */
    private static final String PENDING = "SELECT m.timezones, count(*) AS n FROM campaigns.campaign_message m"
            + " JOIN campaigns.campaign c ON c.id = m.campaignid"
            + " LEFT JOIN campaigns.campaign_wave w ON w.campaignid = m.campaignid AND w.timezones = m.timezones"
            + " WHERE m.campaignid = $1 AND m.position > c.emittedthrough"
            + " AND (w.emittedthrough IS NULL OR m.position > w.emittedthrough) AND m.outcome = 'REQUESTED'"
            + " GROUP BY m.timezones ORDER BY m.timezones";

    /** A campaign's waves and what of them waits for its window. */
    public record Waves(List<WaveStatus> waves, long waitingForWindow) {
        public static final Waves NONE = new Waves(List.of(), 0);
    }

    private final Pool pool;
    private final Clock clock;

    public WaveProgress(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    /** @param window null: the campaign is not sent in local windows (no waves) */
    public Uni<Waves> of(UUID campaignId, LocalWindow window) {
        if (window == null) {
            return Uni.createFrom().item(Waves.NONE);
        }
        return pool.preparedQuery(PENDING).execute(Tuple.of(campaignId)).map(rows -> {
            Instant now = clock.instant();
            List<WaveStatus> waves = new ArrayList<>(rows.size());
            long waiting = 0;
            for (Row row : rows) {
                String zones = row.getString("timezones");
                long pending = row.getLong("n");
                // A row stored before waves existed has its zones filled in when the emission starts.
                Instant opensAt = zones == null ? null
                        : window.nextOpen(RecipientZones.zones(zones), now).orElse(null);
                boolean open = now.equals(opensAt);
                if (!open) {
                    waiting += pending;
                }
                waves.add(new WaveStatus(zones, pending, open, opensAt));
            }
            return new Waves(List.copyOf(waves), waiting);
        });
    }
}
