package org.compliantsms.compliance.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** A configuration mapping as the service reads it: its application.properties, then the test's own values. */
public final class TestConfig {
    private TestConfig() {
    }

    public static <T> T mapping(Class<T> type, Map<String, String> values) {
        try {
            SmallRyeConfig config = new SmallRyeConfigBuilder()
                    .withSources(new PropertiesConfigSource(
                            TestConfig.class.getClassLoader().getResource("application.properties"), 250))
                    .withSources(new PropertiesConfigSource(values, "test", 400))
                    .withMapping(type)
                    .build();
            return config.getConfigMapping(type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
