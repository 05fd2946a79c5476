package org.compliantsms.console.session;

import java.util.List;

/** The platform's roles (docs/security.md), as the console groups them into what a page needs. */
public final class Roles {
    public static final String CAMPAIGN_SENDER = "campaign-sender";
    public static final String COMPLIANCE_OFFICER = "compliance-officer";
    public static final String AUDITOR = "auditor";
    public static final String ADMIN = "admin";
    /** Erases a person (GDPR art. 17) and nothing else. */
    public static final String DATA_PROTECTION = "data-protection";

    public static final List<String> ALL = List.of(CAMPAIGN_SENDER, COMPLIANCE_OFFICER, AUDITOR, ADMIN,
            DATA_PROTECTION);

    private Roles() {
    }
}
