package org.compliantsms.campaign.preview;

import java.util.List;
import java.util.Map;

import org.compliantsms.events.Category;
import org.compliantsms.events.Encoding;

/**
 * What a campaign would send.
 *
 * @param recipients distinct valid recipients
 * @param totalSegments SMS parts for the whole audience, footers included: what the carrier bills
 * @param messagesByEncoding messages per encoding over the whole audience
 * @param footerAuthority who decides the footer actually added
 */
public record PreviewView(String programId, String senderId, Category category, int recipients, long totalSegments,
        Map<Encoding, Long> messagesByEncoding, List<Sample> sample, String footerAuthority) {

    /**
     * One rendered message.
     *
     * @param recipient masked
     * @param text the body with its placeholders filled
     * @param footer what compliance would add (with its line break), null when none
     * @param finalText text and footer: what the recipient reads
     * @param units GSM-7 septets or UTF-16 units of finalText
     */
    public record Sample(String recipient, String language, String text, String footer, String finalText,
            Encoding encoding, int segments, int units) {
    }
}
