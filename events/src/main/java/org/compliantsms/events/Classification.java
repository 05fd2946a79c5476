package org.compliantsms.events;

/**
 * How inbound classified a reply.
 *
 * @param keyword the keyword recognised, upper case, as the recipient wrote it (e.g. ARRET), or null
 * @param language ISO 639-1 code of the keyword's language, or null when unknown
 */
public record Classification(Intent intent, String keyword, String language) {
}
