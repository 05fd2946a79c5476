package org.compliantsms.testing;

import java.util.Optional;

/**
 * Where the tests find Kafka, Redis and PostgreSQL. Addresses given in the environment (what
 * {@code deploy/local/platform.sh env} prints) win; with none given, a machine with Docker gets Testcontainers;
 * otherwise the local platform's defaults on loopback.
 */
public final class Platform {
    public static final String DEFAULT_KAFKA = "localhost:9092";
    public static final String DEFAULT_REDIS = "redis://localhost:6379";
    public static final String DEFAULT_POSTGRES = "localhost:5432";
    public static final String PG_USER = "sms";
    public static final String PG_PASSWORD = "sms";

    /**
     * @param postgresHostPort host:port of PostgreSQL (a service's own URL, or QUARKUS_DATASOURCE_REACTIVE_URL,
     *            wins unless {@code containers})
     */
    public record Addresses(String kafkaBootstrap, String redisHosts, String postgresHostPort, boolean containers) {
        public String postgresUrl(String database) {
            return "postgresql://" + postgresHostPort + "/" + database;
        }
    }

    private static Addresses addresses;

    private Platform() {
    }

    public static synchronized Addresses addresses() {
        if (addresses == null) {
            addresses = resolve();
        }
        return addresses;
    }

    public static String kafkaBootstrap() {
        return addresses().kafkaBootstrap();
    }

    public static String redisHosts() {
        return addresses().redisHosts();
    }

    private static Addresses resolve() {
        Optional<String> kafka = env("KAFKA_BOOTSTRAP_SERVERS");
        Optional<String> redis = env("QUARKUS_REDIS_HOSTS");
        boolean given = kafka.isPresent() || redis.isPresent() || env("QUARKUS_DATASOURCE_REACTIVE_URL").isPresent();
        if (!given && Containers.dockerAvailable()) {
            return Containers.start();
        }
        String postgres = env("POSTGRES_HOST").map(host -> host + ":" + env("POSTGRES_PORT").orElse("5432"))
                .orElse(DEFAULT_POSTGRES);
        return new Addresses(kafka.orElse(DEFAULT_KAFKA), redis.orElse(DEFAULT_REDIS), postgres, false);
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank());
    }
}
