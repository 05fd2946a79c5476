package org.compliantsms.console.campaigns;

import java.util.List;
import java.util.Map;

/** POST /campaigns/preview: what the campaign would send, per sample recipient and for the whole audience. */
public record Preview(String programId, String senderId, String category, int recipients, long totalSegments,
        Map<String, Long> messagesByEncoding, List<Sample> sample, String footerAuthority) {

    /** @param recipient masked by campaign-service */
    public record Sample(String recipient, String language, String text, String footer, String finalText,
            String encoding, int segments, int units) {
    }
}
