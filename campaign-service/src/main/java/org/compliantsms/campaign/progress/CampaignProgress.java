package org.compliantsms.campaign.progress;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.batch.RetryLaterException;
import org.compliantsms.campaign.campaigns.CampaignStore;
import org.compliantsms.campaign.campaigns.OutcomeUpdate;
import org.compliantsms.campaign.report.OutcomeEvents;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * Applies a batch of outcome updates to PostgreSQL in one transaction, from a consumer thread. When PostgreSQL
 * cannot, the batch waits and is handled again: progress is never dead-lettered for a database failure.
 */
@ApplicationScoped
public class CampaignProgress {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final CampaignStore store;
    private final OutcomeEvents events;

    public CampaignProgress(CampaignStore store, OutcomeEvents events) {
        this.store = store;
        this.events = events;
    }

    /**
     * Moves each message's outcome forward and records each (message, outcome) once for the report. Both are
     * idempotent, so a batch handled again after a failure between the two changes nothing twice.
     *
     * @return how many updates moved a message
     */
    public int apply(List<OutcomeUpdate> updates) {
        if (updates.isEmpty()) {
            return 0;
        }
        int advanced = await(() -> store.advanceAll(updates));
        record(updates.stream().map(update -> new OutcomeEvents.Event(update.messageId(), update.outcome().name(),
                update.reason(), update.at())).toList());
        return advanced;
    }

    /** Records outcomes for the report only (approvals, deferrals). */
    public void record(List<OutcomeEvents.Event> outcomes) {
        if (!outcomes.isEmpty()) {
            await(() -> events.record(outcomes));
        }
    }

    /**
     * Hibernate Reactive runs only on a Vert.x context, which a consumer thread is not: the work runs on a
     * duplicated context while this thread waits (bounded, so a stalled database cannot hold the batch forever).
     */
    public static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> work.get().ifNoItem().after(TIMEOUT).fail());
        } catch (Error e) {
            throw e;
        } catch (Throwable e) {
            throw new RetryLaterException("PostgreSQL did not apply the batch: " + e, e);
        }
    }
}
