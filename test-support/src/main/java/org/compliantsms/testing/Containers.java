package org.compliantsms.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The same three servers as the local platform, in Docker, for a developer laptop that has Docker and did not
 * start the platform. Started once per test JVM; Testcontainers' reaper removes them afterwards.
 */
final class Containers {
    static final List<String> DATABASES = List.of("sms_campaign", "sms_compliance");

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
            createTopics(kafka.getBootstrapServers());
        } catch (IOException | ExecutionException e) {
            throw new IllegalStateException("could not prepare the containers", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return new Platform.Addresses(kafka.getBootstrapServers(),
                "redis://" + redis.getHost() + ":" + redis.getMappedPort(6379),
                postgres.getHost() + ":" + postgres.getMappedPort(5432), true);
    }

    /** Creates the topics of deploy/local/topics.conf, as the platform script does. */
    private static void createTopics(String bootstrap) throws IOException, ExecutionException, InterruptedException {
        List<NewTopic> topics = new ArrayList<>();
        for (String line : Files.readAllLines(Repository.topicsConf())) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] parts = trimmed.split("\\s+");
            Map<String, String> configs = new HashMap<>();
            for (int i = 2; i < parts.length; i++) {
                String[] kv = parts[i].split("=", 2);
                configs.put(kv[0], kv[1]);
            }
            topics.add(new NewTopic(parts[0], Integer.parseInt(parts[1]), (short) 1).configs(configs));
        }
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(topics).all().get();
        }
    }
}
