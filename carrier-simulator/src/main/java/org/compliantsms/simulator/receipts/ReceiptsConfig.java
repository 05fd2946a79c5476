package org.compliantsms.simulator.receipts;

import java.time.Duration;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Delivery receipts the simulated carrier sends for submits that asked for one (registered_delivery). */
@ConfigMapping(prefix = "simulator.receipts")
public interface ReceiptsConfig {
    @WithDefault("true")
    boolean enabled();

    /** Time from the submit_sm to its receipt. */
    @WithDefault("500ms")
    Duration delay();

    /** How message ids are written in submit_sm_resp and in receipts. */
    @WithDefault("HEX")
    IdFormat idFormat();

    /** Whether a receipt carries its facts in the text, in TLVs, or both. */
    @WithDefault("BOTH")
    ReceiptForm form();

    /**
     * The outcome mix for every destination: {@code stat:err:weight,...}, e.g.
     * {@code DELIVRD:000:97,UNDELIV:001:2,EXPIRED:000:1}.
     */
    @WithDefault("DELIVRD:000:1")
    String outcomes();

    /** Outcome mixes for destinations starting with a prefix (E.164, e.g. "+4477"), the longest prefix winning. */
    Map<String, String> byPrefix();

    /** A receipt the client answered with an error, or not within {@link #responseTimeout}, is sent again after. */
    @WithDefault("5s")
    Duration retryDelay();

    /** Sends of one receipt at most before it is given up (counted as dropped); SMSCs keep trying for long. */
    @WithDefault("100")
    int maxAttempts();

    @WithDefault("30s")
    Duration responseTimeout();
}
