package org.compliantsms.simulator;

import io.smallrye.config.ConfigMapping;

@ConfigMapping(prefix = "simulator")
public interface SimulatorConfig {
    Smpp smpp();

    /** How many submitted messages the admin API keeps. */
    int maxStored();

    interface Smpp {
        int port();

        String systemId();

        String password();
    }
}
