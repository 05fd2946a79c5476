package org.compliantsms.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

class KafkaSecurityTest {

    @Test
    void takesTheBrokerSecurityKeysOfTheServiceConfiguration() {
        Config config = config(Map.of("kafka.security.protocol", "SASL_SSL", "kafka.sasl.mechanism", "SCRAM-SHA-512",
                "kafka.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "kafka.bootstrap.servers", "broker:9093", "kafka.linger.ms", "50"));

        Map<String, Object> settings = KafkaSecurity.settings(config);

        assertEquals(Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512", "sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;"), settings);
    }

    @Test
    void plaintextWhenNoneIsSet() {
        assertTrue(KafkaSecurity.settings(config(Map.of("kafka.bootstrap.servers", "localhost:9092"))).isEmpty());
    }

    private static Config config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(properties, "test", 100)).build();
    }
}
