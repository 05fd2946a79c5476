package org.compliantsms.dispatch.carrier;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "dispatch")
public interface CarrierConfig {
    Carrier carrier();

    Smpp smpp();

    interface Carrier {
        /** Name reported in message-status events. */
        String name();
    }

    interface Smpp {
        String host();

        int port();

        String systemId();

        String password();

        Optional<String> systemType();

        /** Wait before binding again after the session dropped or a bind failed. */
        @WithDefault("2s")
        Duration reconnectDelay();

        /** How long to wait for a response PDU (submit_sm_resp...). */
        @WithDefault("10s")
        Duration responseTimeout();
    }
}
