package org.compliantsms.campaign.analytics;

import io.smallrye.config.ConfigMapping;

/** The pseudonymised outcomes (docs/analytics.md). */
@ConfigMapping(prefix = "analytics")
public interface AnalyticsConfig {

    /**
     * The HMAC key of the recipients' pseudonyms: from the environment in production
     * ({@code ANALYTICS_PSEUDONYM_KEY}); changing it changes every pseudonym.
     */
    String pseudonymKey();
}
