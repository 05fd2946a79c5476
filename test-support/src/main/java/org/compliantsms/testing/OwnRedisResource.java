package org.compliantsms.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a {@code @QuarkusTest}'s Redis at a redis-server of its own ({@link RedisServerProcess}), which the test
 * stops and restarts through {@link #server()}; Kafka is the platform's. Use it alone, scoped to the test class.
 */
public class OwnRedisResource implements QuarkusTestResourceLifecycleManager {
    private static volatile RedisServerProcess server;

    public static RedisServerProcess server() {
        return server;
    }

    @Override
    public Map<String, String> start() {
        server = RedisServerProcess.start();
        return Map.of("quarkus.redis.hosts", server.url(), "kafka.bootstrap.servers", Platform.kafkaBootstrap());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
