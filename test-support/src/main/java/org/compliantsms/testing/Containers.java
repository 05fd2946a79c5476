package org.compliantsms.testing;

import java.io.IOException;
import java.util.List;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The same three servers as the local platform, in Docker, for a developer laptop that has Docker and did not
 * start the platform. Started once per test JVM; Testcontainers' reaper removes them afterwards.
 */
final class Containers {
    static final List<String> DATABASES = List.of("sms_campaign", "sms_compliance", "sms_dispatch");

    private Containers() {
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    @SuppressWarnings("resource")
    static Platform.Addresses start() {
        KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.2");
        GenericContainer<?> redis = new GenericContainer<>("redis:7").withExposedPorts(6379);
        PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:16")
                .withDatabaseName(DATABASES.get(0))
                .withUsername(Platform.PG_USER)
                .withPassword(Platform.PG_PASSWORD);
        kafka.start();
        redis.start();
        postgres.start();
        try {
            for (String db : DATABASES.subList(1, DATABASES.size())) {
                postgres.execInContainer("psql", "-U", Platform.PG_USER, "-d", DATABASES.get(0), "-c",
                        "create database " + db);
            }
            KafkaBrokerProcess.createTopics(kafka.getBootstrapServers(), System.getProperty("java.class.path"));
        } catch (IOException e) {
            throw new IllegalStateException("could not prepare the containers", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return new Platform.Addresses(kafka.getBootstrapServers(),
                "redis://" + redis.getHost() + ":" + redis.getMappedPort(6379),
                postgres.getHost() + ":" + postgres.getMappedPort(5432), true);
    }
}
