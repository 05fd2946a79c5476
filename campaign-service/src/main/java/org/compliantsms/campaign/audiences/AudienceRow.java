package org.compliantsms.campaign.audiences;

import java.time.Instant;
import java.util.Map;

/**
 * One accepted row of an audience upload.
 *
 * @param line where it starts in the file (the header is line 1)
 * @param recipient E.164
 * @param consentTime when the recipient gave consent, as the file says (evidence, never the order of facts)
 * @param fields the custom columns, by header name
 */
public record AudienceRow(long line, String recipient, String locale, Instant consentTime, String consentSource,
        String consentEvidence, Map<String, String> fields) {
}
