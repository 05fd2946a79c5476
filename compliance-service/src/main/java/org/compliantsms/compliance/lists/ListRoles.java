package org.compliantsms.compliance.lists;

import org.compliantsms.events.PhoneNumbers;

import io.quarkus.security.identity.SecurityIdentity;

/** The roles of docs/security.md, and who sees full numbers in exports and reports. */
public final class ListRoles {
    public static final String COMPLIANCE_OFFICER = "compliance-officer";
    public static final String AUDITOR = "auditor";
    public static final String ADMIN = "admin";

    private ListRoles() {
    }

    /**
     * Compliance officers and admins act on the lists (an export is re-imported, a number is looked up to answer a
     * complaint): they see full numbers. An auditor checks that the rules were followed, which needs no number: masked.
     */
    public static boolean seesFullNumbers(SecurityIdentity identity) {
        return identity.hasRole(COMPLIANCE_OFFICER) || identity.hasRole(ADMIN);
    }

    public static String shown(String number, boolean full) {
        return full ? number : PhoneNumbers.mask(number);
    }

    /** Who made a change: the token's subject (the principal's name). */
    public static String actor(SecurityIdentity identity) {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }
}
