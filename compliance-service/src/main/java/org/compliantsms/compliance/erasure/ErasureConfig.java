package org.compliantsms.compliance.erasure;

import io.smallrye.config.ConfigMapping;

@ConfigMapping(prefix = "compliance.erasure")
public interface ErasureConfig {
    /**
     * HMAC-SHA256 key of what outlives an erasure (at least 16 bytes; COMPLIANCE_ERASURE_KEY in production). Changing
     * it loses the suppression of every number erased before.
     */
    String key();
}
