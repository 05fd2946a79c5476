package org.compliantsms.campaign.access;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Which claim of a bearer token lists the programs a campaign-sender may use (docs/security.md). */
@ConfigMapping(prefix = "auth")
public interface AccessConfig {
    @WithDefault("programs")
    String programsClaim();
}
