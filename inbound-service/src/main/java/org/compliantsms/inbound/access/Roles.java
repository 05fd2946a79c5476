package org.compliantsms.inbound.access;

/** The roles a token's groups claim may carry (docs/security.md). */
public final class Roles {
    /** Suppression, consent, erasure; acts on the opt-outs kept for review. */
    public static final String COMPLIANCE_OFFICER = "compliance-officer";
    /** Reads, changes nothing. */
    public static final String AUDITOR = "auditor";
    /** Everything. */
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
