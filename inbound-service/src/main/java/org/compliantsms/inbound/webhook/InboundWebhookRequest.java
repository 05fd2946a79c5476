package org.compliantsms.inbound.webhook;

import java.time.Instant;

/**
 * A reply as a carrier posts it.
 *
 * @param messageId the carrier's id of the reply: retries with the same id are recognised (optional)
 * @param from the handset, E.164 (international form with + is accepted and normalised)
 * @param to our number or short code that received it
 */
public record InboundWebhookRequest(String messageId, String from, String to, String text, String carrier,
        Instant receivedAt) {
}
