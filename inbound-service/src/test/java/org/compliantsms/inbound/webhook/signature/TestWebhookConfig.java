package org.compliantsms.inbound.webhook.signature;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.compliantsms.inbound.webhook.signature.WebhookConfig.Account;
import org.compliantsms.inbound.webhook.signature.WebhookConfig.Scheme;

/** A WebhookConfig without SmallRye, for plain unit tests. */
record TestWebhookConfig(boolean verifySignatures, Map<String, Account> accounts, Optional<String> publicUrl,
        Duration replayWindow) implements WebhookConfig {

    static final String JSON_SECRET = "json-shared-secret";
    static final String TWILIO_TOKEN = "12345";

    /** Verification on; "local" (HMAC, carrier simulator, FR) and "twilio" (Twilio, no carrier set); no public URL. */
    static TestWebhookConfig standard() {
        return new TestWebhookConfig(true, Map.of(
                "local", new TestAccount(Scheme.HMAC_SHA256, JSON_SECRET, Optional.of("simulator"), Optional.of("fr")),
                "twilio", new TestAccount(Scheme.TWILIO, TWILIO_TOKEN, Optional.empty(), Optional.empty())),
                Optional.empty(), Duration.ofMinutes(5));
    }

    TestWebhookConfig withVerifySignatures(boolean verify) {
        return new TestWebhookConfig(verify, accounts, publicUrl, replayWindow);
    }

    TestWebhookConfig withPublicUrl(String url) {
        return new TestWebhookConfig(verifySignatures, accounts, Optional.of(url), replayWindow);
    }

    TestWebhookConfig withAccounts(Map<String, Account> accounts) {
        return new TestWebhookConfig(verifySignatures, accounts, publicUrl, replayWindow);
    }

    record TestAccount(Scheme scheme, String secret, Optional<String> carrier, Optional<String> defaultRegion)
            implements Account {
        static TestAccount hmac(String secret) {
            return new TestAccount(Scheme.HMAC_SHA256, secret, Optional.empty(), Optional.empty());
        }
    }
}
