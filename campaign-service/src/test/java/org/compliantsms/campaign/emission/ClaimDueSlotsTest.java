package org.compliantsms.campaign.emission;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/**
 * A poll whose claim fails (PostgreSQL down) gives its slot back: FailClosedIT saw a replica that, after the four
 * failed polls of a 30 s PostgreSQL outage's first seconds (campaignsAtOnce = 4), never looked for a campaign again.
 */
class ClaimDueSlotsTest {
    @Test
    void failedClaimsDoNotUseUpTheSlots() {
        AtomicInteger claims = new AtomicInteger();
        EmissionStore down = new EmissionStore(null) {
            @Override
            public Optional<Emission> claimDue(String owner, Duration lease, Instant now) {
                if (claims.incrementAndGet() <= 10) {
                    throw new IllegalStateException("Connection refused");
                }
                return Optional.empty();
            }
        };
        CampaignEmitter emitter = new CampaignEmitter(down, null, config(4), Clock.systemUTC(), null);
        for (int poll = 1; poll <= 12; poll++) {
            emitter.claimDue();
            assertEquals(poll, claims.get(), "poll " + poll + " looked for a due campaign");
        }
    }

    private static EmissionConfig config(int campaignsAtOnce) {
        return new EmissionConfig() {
            @Override
            public int chunk() {
                return 500;
            }

            @Override
            public Duration lease() {
                return Duration.ofSeconds(30);
            }

            @Override
            public Duration poll() {
                return Duration.ofSeconds(1);
            }

            @Override
            public int campaignsAtOnce() {
                return campaignsAtOnce;
            }

            @Override
            public Duration windowRecheck() {
                return Duration.ofMinutes(1);
            }

            @Override
            public int inFlight() {
                return 1000;
            }
        };
    }
}
