package org.compliantsms.campaign.report;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Each outcome a campaign message reached, stored once per (message, outcome): the report counts these rows, so
 * an event told twice (redelivery, a replay) counts once. Messages of no campaign of this service are ignored.
 */
@ApplicationScoped
public class OutcomeEvents {
    private static final String INSERT = "INSERT INTO campaigns.campaign_message_event"
            + " (messageid, outcome, campaignid, reason, at)"
            + " SELECT v.messageid, v.outcome, m.campaignid, v.reason, v.at"
            + " FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[]) AS v(messageid, outcome, reason, at)"
            + " JOIN campaigns.campaign_message m ON m.messageid = v.messageid"
            + " ON CONFLICT (messageid, outcome) DO NOTHING";

    /** One outcome of one message (APPROVED, DEFERRED, SUBMITTED, DELIVERED, REJECTED...). */
    public record Event(String messageId, String outcome, String reason, Instant at) {
    }

    private final Pool pool;

    public OutcomeEvents(Pool pool) {
        this.pool = pool;
    }

    /** @return how many were new */
    public Uni<Integer> record(List<Event> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        String[] ids = new String[events.size()];
        String[] outcomes = new String[events.size()];
        String[] reasons = new String[events.size()];
        OffsetDateTime[] times = new OffsetDateTime[events.size()];
        for (int i = 0; i < events.size(); i++) {
            Event event = events.get(i);
            ids[i] = event.messageId();
            outcomes[i] = event.outcome();
            reasons[i] = event.reason();
            times[i] = event.at() == null ? null : event.at().atOffset(ZoneOffset.UTC);
        }
        return pool.preparedQuery(INSERT).execute(Tuple.of(ids, outcomes, reasons, times)).map(rows -> rows.rowCount());
    }
}
