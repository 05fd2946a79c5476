package org.compliantsms.campaign.access;

/** The roles a token's groups claim may carry (docs/security.md). */
public final class Roles {
    /** Creates campaigns and reads them, for the programs its token lists. */
    public static final String CAMPAIGN_SENDER = "campaign-sender";
    /** Reads every campaign, changes nothing. */
    public static final String AUDITOR = "auditor";
    /** Everything, every program. */
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
