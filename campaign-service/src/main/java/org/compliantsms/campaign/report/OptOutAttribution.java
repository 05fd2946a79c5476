package org.compliantsms.campaign.report;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.compliantsms.batch.BatchHandler;
import org.compliantsms.batch.Output;
import org.compliantsms.batch.Received;
import org.compliantsms.campaign.Channels;
import org.compliantsms.campaign.progress.CampaignProgress;
import org.compliantsms.events.ConsentAction;
import org.compliantsms.events.ConsentChanged;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Opt-outs that followed a campaign, for its report: each OPT_OUT (of the campaign's program) or OPT_OUT_ALL on
 * sms.consent-changed.v1 is attributed to the campaign whose message last reached the recipient (submitted to the
 * carrier) before it, within {@code campaign.opt-outs.attribution-window} (7 days): last touch, one campaign per
 * opt-out. Stored once per event id, so a redelivered or replayed event counts once.
 */
@ApplicationScoped
public class OptOutAttribution implements BatchHandler<ConsentChanged> {
    /** How long after a message of a campaign an opt-out is said to follow it. */
    @ConfigMapping(prefix = "campaign.opt-outs")
    public interface Config {
        @WithDefault("7d")
        Duration attributionWindow();
    }

    private static final String ATTRIBUTE = "INSERT INTO campaigns.campaign_optout (eventid, campaignid, messageid,"
            + " optedoutat) SELECT v.eventid, hit.campaignid, hit.messageid, v.at"
            + " FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[]) AS v(eventid, recipient, programid, at)"
            + " CROSS JOIN LATERAL (SELECT m.campaignid, m.messageid FROM campaigns.campaign_message m"
            + "  JOIN campaigns.campaign c ON c.id = m.campaignid"
            + "  JOIN campaigns.campaign_message_event e ON e.messageid = m.messageid"
            + "   AND e.outcome IN ('SUBMITTED', 'UNCONFIRMED')"
            + "  WHERE m.recipient = v.recipient AND (v.programid IS NULL OR c.programid = v.programid)"
            + "   AND e.at <= v.at AND e.at > v.at - $5::bigint * interval '1 millisecond'"
            + "  ORDER BY e.at DESC LIMIT 1) hit"
            + " ON CONFLICT (eventid) DO NOTHING";

    private final Pool pool;
    private final Config config;

    public OptOutAttribution(Pool pool, Config config) {
        this.pool = pool;
        this.config = config;
    }

    @Override
    public String name() {
        return Channels.OPT_OUTS;
    }

    @Override
    public Class<ConsentChanged> eventType() {
        return ConsentChanged.class;
    }

    /** Consent grants and lifts are most of the topic at times (imports): only opt-outs are decoded. */
    @Override
    public boolean concerns(ConsumerRecord<String, byte[]> record) {
        String json = new String(record.value(), java.nio.charset.StandardCharsets.UTF_8);
        return json.contains("\"OPT_OUT");
    }

    @Override
    public List<Output> handle(List<Received<ConsentChanged>> batch) {
        List<String> ids = new ArrayList<>();
        List<String> recipients = new ArrayList<>();
        List<String> programs = new ArrayList<>();
        List<java.time.OffsetDateTime> times = new ArrayList<>();
        for (Received<ConsentChanged> received : batch) {
            ConsentChanged change = received.event();
            if (change.action() != ConsentAction.OPT_OUT && change.action() != ConsentAction.OPT_OUT_ALL) {
                continue;
            }
            ids.add(change.eventId());
            recipients.add(change.recipient());
            programs.add(change.action() == ConsentAction.OPT_OUT_ALL ? null : change.programId());
            times.add(change.occurredAt().atOffset(ZoneOffset.UTC));
        }
        if (!ids.isEmpty()) {
            CampaignProgress.await(() -> pool.preparedQuery(ATTRIBUTE).execute(Tuple.of(ids.toArray(String[]::new),
                    recipients.toArray(String[]::new), programs.toArray(String[]::new),
                    times.toArray(java.time.OffsetDateTime[]::new), config.attributionWindow().toMillis())));
        }
        return List.of();
    }
}
