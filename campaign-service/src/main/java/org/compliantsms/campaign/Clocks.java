package org.compliantsms.campaign;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.arc.DefaultBean;

/**
 * The clock that decides when a campaign is due and which of its time-zone waves are open: the system's, in UTC. A
 * bean, so that a test can bring its own (any other bean of type Clock replaces this one) and prove that a
 * recipient is released inside its window without waiting hours.
 */
@Singleton
public class Clocks {
    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
