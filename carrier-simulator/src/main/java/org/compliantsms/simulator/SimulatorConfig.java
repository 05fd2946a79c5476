package org.compliantsms.simulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "simulator")
public interface SimulatorConfig {
    Smpp smpp();

    /** How many submitted messages the admin API lists (the newest are kept). */
    int maxStored();

    /**
     * How many distinct destinations the per-destination counts track; beyond that, new destinations are not
     * counted and their count says so (about 100 bytes of heap each).
     */
    @WithDefault("500000")
    int maxCountedDestinations();

    /**
     * How long the parts of a concatenated message wait for the missing ones; then the message is dropped and
     * counted incomplete.
     */
    @WithDefault("60s")
    Duration concatenationTimeout();

    /** Concatenated messages waiting for parts at once; beyond it the oldest is dropped as incomplete. */
    @WithDefault("100000")
    int maxPendingConcatenations();

    /**
     * submit_sm accepted per second (wall-clock second windows, every part counting), as a carrier's TPS; above it
     * the simulator answers ESME_RTHROTTLED (0x58). 0 for no limit. Settable at run time (PUT /admin/rate).
     */
    @WithDefault("0")
    int rateLimit();

    /** When set, every accepted submit_sm is appended to this file (see docs/api.md for the format). */
    Optional<Path> recordFile();

    interface Smpp {
        int port();

        String systemId();

        String password();

        /** Threads per bound session that decode and answer PDUs (jSMPP's pdu processor degree). */
        @WithDefault("3")
        int pduProcessorDegree();

        /**
         * PDUs per session waiting for a processor thread; beyond it jSMPP answers ESME_RTHROTTLED, so it must
         * exceed the client's window.
         */
        @WithDefault("10000")
        int queueCapacity();
    }
}
