package org.compliantsms.inbound.webhook.signature;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Who may post carrier webhooks and how their requests are signed.
 *
 * <pre>
 * inbound.webhook.public-url=https://sms.example.com
 * inbound.webhook.accounts.local.scheme=hmac-sha256
 * inbound.webhook.accounts.local.carrier=simulator
 * inbound.webhook.accounts.local.default-region=FR
 * # the secret from the environment: INBOUND_WEBHOOK_ACCOUNTS_LOCAL_SECRET=...
 * inbound.webhook.accounts.twilio.scheme=twilio
 * # INBOUND_WEBHOOK_ACCOUNTS_TWILIO_SECRET=<the Twilio auth token>
 * </pre>
 */
@ConfigMapping(prefix = "inbound.webhook")
public interface WebhookConfig {
    /** Off accepts unsigned requests; an explicit choice for local work that the prod profile refuses. */
    @WithDefault("true")
    boolean verifySignatures();

    /** Carrier accounts by the name used in the path: {@code /webhooks/inbound/{account}}, {@code /webhooks/twilio/{account}}. */
    Map<String, Account> accounts();

    /**
     * The base URL as the carrier calls it, e.g. {@code https://sms.example.com}: behind a proxy or an ingress the
     * service sees another scheme, host or port, and Twilio signs the full URL. Its path, if any, is prefixed to the
     * path the service sees (an ingress that strips a prefix).
     */
    Optional<String> publicUrl();

    /** How far a signed timestamp may be from the server clock, in the past or the future. */
    @WithDefault("5m")
    Duration replayWindow();

    interface Account {
        Scheme scheme();

        /** The Twilio auth token or the shared HMAC secret. Give it from the environment, never in a file. */
        String secret();

        /** The carrier recorded on its replies; the account name when absent. */
        Optional<String> carrier();

        /** ISO 3166 region (e.g. FR) for the national numbers this carrier sends. */
        Optional<String> defaultRegion();

        default String carrierOr(String accountName) {
            return carrier().filter(c -> !c.isBlank()).map(String::strip).orElse(accountName);
        }
    }

    enum Scheme {
        /** X-Twilio-Signature over the URL and the form parameters (form webhooks). */
        TWILIO,
        /** X-Webhook-Timestamp and X-Webhook-Signature over the raw body (JSON webhooks). */
        HMAC_SHA256
    }
}
