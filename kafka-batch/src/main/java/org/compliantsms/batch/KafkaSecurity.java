package org.compliantsms.batch;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The broker's authentication and encryption settings, taken from the same {@code kafka.*} keys that Quarkus gives
 * every Reactive Messaging channel (so {@code KAFKA_SECURITY_PROTOCOL}, {@code KAFKA_SASL_JAAS_CONFIG}, ... in the
 * environment secure every client of a service, whichever API made it). Locally none is set: plaintext.
 */
public final class KafkaSecurity {
    static final List<String> KEYS = List.of("security.protocol", "sasl.mechanism", "sasl.jaas.config",
            "ssl.truststore.type", "ssl.truststore.location", "ssl.truststore.password", "ssl.truststore.certificates",
            "ssl.keystore.type", "ssl.keystore.location", "ssl.keystore.password",
            "ssl.endpoint.identification.algorithm");

    private KafkaSecurity() {
    }

    /** The security settings of this service's configuration, empty when it sets none. */
    public static Map<String, Object> settings() {
        return settings(ConfigProvider.getConfig());
    }

    static Map<String, Object> settings(Config config) {
        Map<String, Object> settings = new HashMap<>();
        for (String key : KEYS) {
            config.getOptionalValue("kafka." + key, String.class).ifPresent(value -> settings.put(key, value));
        }
        return settings;
    }
}
