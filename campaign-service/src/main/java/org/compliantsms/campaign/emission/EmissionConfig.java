package org.compliantsms.campaign.emission;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How campaigns are emitted (docs/campaigns.md, "Emission"). */
@ConfigMapping(prefix = "campaign.emission")
public interface EmissionConfig {
    /** Messages read, sent and acknowledged before the cursor moves: at most this many are sent again after a crash. */
    @WithDefault("500")
    int chunk();

    /** How long a replica owns a campaign it emits without renewing; another one takes over after it. */
    @WithDefault("30s")
    Duration lease();

    /** How often a replica looks for a campaign that is due and owned by nobody. */
    @WithDefault("1s")
    Duration poll();

    /** Campaigns one replica emits at once. */
    @WithDefault("4")
    int campaignsAtOnce();

    /**
     * A campaign sent in local windows whose remaining waves are all closed is given back until the next one opens,
     * and looked at again at least this often (a changed clock, a resumed campaign).
     */
    @WithDefault("30s")
    Duration windowRecheck();

    /** Sends in flight at once (the emitter's buffer). */
    @WithDefault("128")
    int inFlight();
}
