package org.compliantsms.inbound.webhook;

import java.time.Instant;

/**
 * A reply as a carrier posts it.
 *
 * @param messageId the carrier's id of the reply: retries with the same id get the first answer (optional)
 * @param from the handset: E.164, international without + or with 00, or national in the account's region
 * @param to our number or short code that received it
 * @param carrier the carrier's name, when the route names no account (unsigned local use)
 * @param receivedAt the time the carrier claims; evidence only, the platform's clock orders consent changes
 */
public record InboundWebhookRequest(String messageId, String from, String to, String text, String carrier,
        Instant receivedAt) {
}
