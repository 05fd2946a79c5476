package org.compliantsms.events;

/** How a consent change reached the platform, or how the person gave it (the consent ledger's evidence). */
public enum ConsentSource {
    KEYWORD,
    API,
    IMPORT,
    ADMIN,
    /** A form on a web site or in an app. */
    WEB_FORM,
    /** A signed paper form. */
    PAPER
}
