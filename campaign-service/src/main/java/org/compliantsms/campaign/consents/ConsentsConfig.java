package org.compliantsms.campaign.consents;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Consent records from an audience's consent columns (docs/campaigns.md, "Consent columns"). */
@ConfigMapping(prefix = "campaign.consents")
public interface ConsentsConfig {
    /**
     * compliance-service's consumer group on sms.consent-changed.v1 (its consent-changes consumer, which writes the
     * consent ledger and index before its offsets move): a campaign whose upload published consents is emitted only
     * once this group's committed offsets passed every one of them.
     */
    @WithDefault("compliance-service")
    String complianceGroup();

    /** How long one look at the group's offsets may take. */
    @WithDefault("10s")
    Duration lookupTimeout();
}
