package org.compliantsms.events;

/** How a consent change reached the platform. */
public enum ConsentSource {
    KEYWORD,
    API,
    IMPORT,
    ADMIN
}
