package org.compliantsms.suppression;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "suppression-index")
public interface IndexConfig {
    /** Rebuild the index from sms.suppression.v1 whenever it is incomplete (one replica at a time). */
    @WithDefault("true")
    boolean rebuildEnabled();

    /** How often completeness is checked outside the lookups. */
    @WithDefault("1s")
    Duration checkInterval();

    /** The rebuild lock expires this long after its holder stopped renewing it (it died). */
    @WithDefault("30s")
    Duration lockTtl();

    /** Time allowed to one pipelined round trip. */
    @WithDefault("5s")
    Duration redisTimeout();

    @WithDefault("${kafka.bootstrap.servers:localhost:9092}")
    String bootstrapServers();
}
