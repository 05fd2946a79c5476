package org.compliantsms.campaign.schedules;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.campaign.campaigns.Campaign;
import org.compliantsms.campaign.campaigns.CampaignState;
import org.compliantsms.campaign.waves.LocalWindow;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * A campaign's schedule changes, each one allowed only from the states it names; the emitter sees them at its next
 * chunk (a paused or cancelled emission stops after the chunk it is sending).
 */
@ApplicationScoped
public class ScheduleStore {

    /**
     * A DRAFT (its audience uploaded) or SCHEDULED campaign is sent now or at {@code sendAt}, at its rate, each
     * recipient inside its local {@code window} when one is given.
     */
    @WithTransaction
    public Uni<Boolean> send(UUID id, Instant sendAt, Integer ratePerSecond, LocalWindow window) {
        return Campaign.update("state = ?1, sendAt = ?2, ratePerSecond = ?3, windowFrom = ?4, windowTo = ?5"
                + " where id = ?6 and state in ?7", CampaignState.SCHEDULED, sendAt, ratePerSecond,
                window == null ? null : window.from(), window == null ? null : window.to(), id,
                List.of(CampaignState.DRAFT, CampaignState.SCHEDULED)).map(n -> n > 0);
    }

    @WithTransaction
    public Uni<Boolean> pause(UUID id) {
        return move(id, CampaignState.PAUSED, List.of(CampaignState.SCHEDULED, CampaignState.EMITTING));
    }

    @WithTransaction
    public Uni<Boolean> resume(UUID id) {
        return move(id, CampaignState.SCHEDULED, List.of(CampaignState.PAUSED));
    }

    @WithTransaction
    public Uni<Boolean> cancel(UUID id) {
        return move(id, CampaignState.CANCELLED, List.of(CampaignState.DRAFT, CampaignState.SCHEDULED,
                CampaignState.EMITTING, CampaignState.PAUSED));
    }

    private static Uni<Boolean> move(UUID id, CampaignState to, List<CampaignState> from) {
        return Campaign.update("state = ?1 where id = ?2 and state in ?3", to, id, from).map(n -> n > 0);
    }
}
