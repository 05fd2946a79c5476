package org.compliantsms.testing;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a {@code @QuarkusTest} at the real platform (see {@link Platform}). Init args: {@code database}, the
 * service's PostgreSQL database (a service with a database uses no Redis), used when the platform runs in
 * containers; otherwise the service's own {@code quarkus.datasource.reactive.url}, or
 * {@code QUARKUS_DATASOURCE_REACTIVE_URL}, applies.
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
        if (database == null) {
            config.put("quarkus.redis.hosts", platform.redisHosts());
        } else if (platform.containers()) {
            config.put("quarkus.datasource.reactive.url", platform.postgresUrl(database));
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
