package org.compliantsms.inbound.webhook.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.compliantsms.inbound.webhook.signature.WebhookConfig.Scheme;
import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The mapping as SmallRye reads it (Quarkus adds its Duration converter the same way). */
class SignatureConfigTest {
    static WebhookConfig read(Map<String, String> properties, Map<String, String> environment) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "application.properties", 250),
                        new EnvConfigSource(environment, 300))
                .withMapping(WebhookConfig.class)
                .build();
        return config.getConfigMapping(WebhookConfig.class);
    }

    @Test
    void defaultsVerifyWithAFiveMinuteWindowAndNoAccounts() {
        WebhookConfig config = read(Map.of(), Map.of());
        assertTrue(config.verifySignatures());
        assertEquals(Duration.ofMinutes(5), config.replayWindow());
        assertEquals(Map.of(), config.accounts());
        assertEquals(Optional.empty(), config.publicUrl());
    }

    @Test
    void readsAccountsWithTheirSecretFromTheEnvironment() {
        WebhookConfig config = read(Map.of(
                "inbound.webhook.public-url", "https://sms.example.com",
                "inbound.webhook.replay-window", "90s",
                "inbound.webhook.accounts.local.scheme", "hmac-sha256",
                "inbound.webhook.accounts.local.carrier", "simulator",
                "inbound.webhook.accounts.local.default-region", "FR",
                "inbound.webhook.accounts.twilio.scheme", "twilio"),
                Map.of("INBOUND_WEBHOOK_ACCOUNTS_LOCAL_SECRET", "from-env",
                        "INBOUND_WEBHOOK_ACCOUNTS_TWILIO_SECRET", "auth-token"));
        assertEquals(Optional.of("https://sms.example.com"), config.publicUrl());
        assertEquals(Duration.ofSeconds(90), config.replayWindow());
        assertEquals(Scheme.HMAC_SHA256, config.accounts().get("local").scheme());
        assertEquals("from-env", config.accounts().get("local").secret());
        assertEquals(Scheme.TWILIO, config.accounts().get("twilio").scheme());
        assertEquals("auth-token", config.accounts().get("twilio").secret());
        assertEquals(new CarrierAccount("twilio", Scheme.TWILIO, "twilio", Optional.empty()),
                CarrierAccount.of("twilio", config.accounts().get("twilio")));
        assertEquals(new CarrierAccount("local", Scheme.HMAC_SHA256, "simulator", Optional.of("FR")),
                CarrierAccount.of("local", config.accounts().get("local")));
    }

    @Test
    void anAccountWithoutSecretDoesNotStart() {
        assertThrows(RuntimeException.class,
                () -> read(Map.of("inbound.webhook.accounts.local.scheme", "hmac-sha256"), Map.of()));
    }
}
