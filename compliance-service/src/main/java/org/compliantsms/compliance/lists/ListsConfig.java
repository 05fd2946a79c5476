package org.compliantsms.compliance.lists;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "compliance.lists")
public interface ListsConfig {
    /** CSV rows made durable and effective together (one Kafka flush, one Redis pipeline): bounds the memory used. */
    @WithDefault("500")
    int importBatchSize();

    /** Bad rows listed in an import's answer; the rest are counted only. */
    @WithDefault("1000")
    int importReportedErrors();

    /** Numbers per Redis SCAN page of an export. */
    @WithDefault("1000")
    int exportPageSize();
}
