package org.compliantsms.console.compliance;

import java.time.Instant;

/** A reply kept for review, as GET /review/replies answers it. */
public record ReviewedReply(String inboundId, String kind, String sender, String to, String text, String carrier,
        Instant receivedAt, String intent, String reason) {
}
