package org.compliantsms.simulator.http;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The simulator's HTTP carrier mode: a REST submit endpoint and receipts posted to a webhook. */
@ConfigMapping(prefix = "simulator.http")
public interface HttpCarrierConfig {
    /** The header a client authenticates with. */
    @WithDefault("Authorization")
    String authHeader();

    /** The value it must have (e.g. {@code Bearer sim-key}); without it any client is accepted. */
    Optional<String> authValue();

    /** Where receipts are POSTed (also settable at run time: PUT /admin/http/webhook); none sent without it. */
    Optional<String> webhookUrl();

    /** The HMAC-SHA256 secret receipts are signed with (X-Webhook-Timestamp, X-Webhook-Signature). */
    Optional<String> webhookSecret();
}
