package org.compliantsms.inbound.webhook.signature;

import java.util.Locale;
import java.util.Optional;

import org.compliantsms.inbound.webhook.signature.WebhookConfig.Scheme;

/** What the webhook needs to know about a configured account, without its secret. */
public record CarrierAccount(String name, Scheme scheme, String carrier, Optional<String> defaultRegion) {
    static CarrierAccount of(String name, WebhookConfig.Account account) {
        return new CarrierAccount(name, account.scheme(), account.carrierOr(name),
                account.defaultRegion().filter(r -> !r.isBlank()).map(r -> r.strip().toUpperCase(Locale.ROOT)));
    }
}
