package org.compliantsms.campaign.programs;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How program changes reach sms.programs.v1 (docs/campaigns.md, "Programs"). */
@ConfigMapping(prefix = "programs")
public interface ProgramsConfig {
    /** How often changes Kafka has not acknowledged yet are sent again. */
    @WithDefault("10s")
    Duration publishRetry();

    /** How long one send may wait for Kafka's acknowledgement. */
    @WithDefault("15s")
    Duration publishTimeout();
}
