package org.compliantsms.deferral;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "deferral")
public interface DeferralConfig {
    /** This replica releases due records (every replica may: rows are claimed with SKIP LOCKED). */
    @WithDefault("true")
    boolean releaseEnabled();

    /** How often due records are looked for: the release is on time within this plus one Kafka hop. */
    @WithDefault("250ms")
    Duration pollInterval();

    /** Records released per transaction. */
    @WithDefault("1000")
    int releaseBatch();
}
