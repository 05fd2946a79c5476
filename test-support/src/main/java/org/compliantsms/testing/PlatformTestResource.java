package org.compliantsms.testing;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a {@code @QuarkusTest} at the real platform (see {@link Platform}). Init args: {@code database}, the
 * service's PostgreSQL database, used when the platform runs in containers; otherwise the service's own datasource
 * URLs, or {@code QUARKUS_DATASOURCE_REACTIVE_URL}, apply.
 */
public class PlatformTestResource implements QuarkusTestResourceLifecycleManager {
    private String database;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.get("database");
    }

    @Override
    public Map<String, String> start() {
        Platform.Addresses platform = Platform.addresses();
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", platform.kafkaBootstrap());
        config.put("quarkus.redis.hosts", platform.redisHosts());
        if (database != null && platform.containers()) {
            config.put("quarkus.datasource.reactive.url", platform.postgresUrl(database));
            config.put("quarkus.datasource.jdbc.url", "jdbc:" + platform.postgresUrl(database));
            config.put("quarkus.datasource.username", Platform.PG_USER);
            config.put("quarkus.datasource.password", Platform.PG_PASSWORD);
        }
        return config;
    }

    @Override
    public void stop() {
        // The platform outlives the test: it is shared by every module of the build.
    }
}
