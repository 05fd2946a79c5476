package org.compliantsms.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole system as in production: the four packaged services and the carrier simulator, each its own JVM,
 * wired only through the real Kafka broker, Redis and PostgreSQL of the platform. Shared by the system tests and
 * the console's browser test.
 */
public final class RunningSystem implements AutoCloseable {
    public static final String SHORT_CODE = "36180";
    public static final String PROGRAM = "acme-promo";
    /** The carrier account whose JSON webhooks the tests sign (given to inbound in its environment). */
    public static final String WEBHOOK_ACCOUNT = "local";
    public static final String WEBHOOK_SECRET = "system-test-webhook-secret";

    /** The first replica of each service, as started (a restarted one keeps its port, so its URL stays valid). */
    public final ServiceProcess simulator;
    public final ServiceProcess compliance;
    public final ServiceProcess dispatch;
    public final ServiceProcess inbound;
    public final ServiceProcess campaign;
    private final Map<String, List<ServiceProcess>> replicas = new LinkedHashMap<>();
    private final Map<String, String> environment;

    /** One replica of each service on the platform's servers, logs in target/processes. */
    public RunningSystem() {
        this(builder());
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * What differs from the default system: more replicas of a service (each its own consumer and, for dispatch,
     * its own SMPP sessions), servers of the test's own instead of the platform's, extra properties.
     */
    public static final class Builder {
        private final Map<String, String> env = environment();
        private final Map<String, Integer> replicas = new HashMap<>();
        private final Map<String, Map<String, String>> properties = new HashMap<>();
        private Path logs = Path.of("target", "processes");

        public Builder replicas(String module, int count) {
            replicas.put(module, count);
            return this;
        }

        public Builder redis(String url) {
            env.put("QUARKUS_REDIS_HOSTS", url);
            return this;
        }

        public Builder kafka(String bootstrap) {
            env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
            return this;
        }

        public Builder postgres(String host, int port) {
            env.put("POSTGRES_HOST", host);
            env.put("POSTGRES_PORT", Integer.toString(port));
            return this;
        }

        /** A system property (-D) for every replica of {@code module}. */
        public Builder property(String module, String name, String value) {
            properties.computeIfAbsent(module, m -> new HashMap<>()).put(name, value);
            return this;
        }

        /** The services' logs go to target/processes/{@code name}. */
        public Builder logs(String name) {
            logs = Path.of("target", "processes", name);
            return this;
        }

        public RunningSystem start() {
            return new RunningSystem(this);
        }

        private Map<String, String> properties(String module, Map<String, String> own) {
            Map<String, String> all = new HashMap<>(own);
            all.putAll(properties.getOrDefault(module, Map.of()));
            return all;
        }
    }

    private RunningSystem(Builder builder) {
        environment = Map.copyOf(builder.env);
        int smppPort = ServiceProcess.freePort();
        try {
            simulator = start(builder, "carrier-simulator",
                    Map.of("simulator.smpp.port", Integer.toString(smppPort)), environment);
            // The campaigns here are MARKETING to French numbers: quiet hours off, so that the tests decide the same
            // at 3 a.m. and on Sundays (compliance-service's QuietHoursIT covers them).
            compliance = start(builder, "compliance-service",
                    withBuildOptions(Map.of("compliance.quiet-hours.enabled", "false")), environment);
            dispatch = start(builder, "dispatch-service", Map.of("dispatch.smpp.port", Integer.toString(smppPort)),
                    environment);
            Map<String, String> inboundEnv = new HashMap<>(environment);
            inboundEnv.put("LOCAL_WEBHOOK_SECRET", WEBHOOK_SECRET);
            inbound = start(builder, "inbound-service",
                    Map.of("inbound.senders.\"" + SHORT_CODE + "\"", PROGRAM,
                            "inbound.webhook.accounts." + WEBHOOK_ACCOUNT + ".scheme", "HMAC_SHA256",
                            "inbound.webhook.accounts." + WEBHOOK_ACCOUNT + ".secret", "${LOCAL_WEBHOOK_SECRET}"),
                    inboundEnv);
            campaign = start(builder, "campaign-service", withBuildOptions(Map.of()), environment);
            for (List<ServiceProcess> processes : replicas.values()) {
                for (ServiceProcess process : processes) {
                    process.awaitReady(Duration.ofSeconds(120));
                }
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Starts the replicas of {@code module}; the first is returned. Replica n > 1 logs to its own folder. */
    private ServiceProcess start(Builder builder, String module, Map<String, String> properties,
            Map<String, String> env) {
        List<ServiceProcess> started = new ArrayList<>();
        replicas.put(module, started);
        int count = builder.replicas.getOrDefault(module, 1);
        for (int replica = 1; replica <= count; replica++) {
            Path logs = replica == 1 ? builder.logs : builder.logs.resolve("replica-" + replica);
            started.add(ServiceProcess.start(module, ServiceProcess.freePort(), builder.properties(module, properties),
                    env, logs));
        }
        return started.get(0);
    }

    /** Every running replica of {@code module} (carrier-simulator, compliance-service, ...), first one first. */
    public List<ServiceProcess> replicas(String module) {
        return List.copyOf(replicas.get(module));
    }

    /** What the services were given: the servers' addresses and the credentials. */
    public Map<String, String> serviceEnvironment() {
        return environment;
    }

    /**
     * Starts a killed or stopped replica again on its port, waits until it is ready, and keeps the new process in
     * its place (closed with the system).
     */
    public ServiceProcess restart(ServiceProcess stopped) {
        ServiceProcess again = stopped.restarted();
        replicas.values().forEach(list -> list.replaceAll(p -> p == stopped ? again : p));
        return again.awaitReady(Duration.ofSeconds(120));
    }

    /**
     * The services' properties plus the Flyway options given to this build ({@code -Dquarkus.flyway.*}): on a
     * shared development database another branch may have applied migrations this one does not have
     * ({@code -Dquarkus.flyway.ignore-migration-patterns=*:future}). A clean CI database needs none.
     */
    private static Map<String, String> withBuildOptions(Map<String, String> properties) {
        Map<String, String> all = new HashMap<>(properties);
        System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith("quarkus.flyway."))
                .forEach(name -> all.put(name, System.getProperty(name)));
        return all;
    }

    /** What every service process is given: the platform's addresses and the local credentials. */
    public static Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", Platform.kafkaBootstrap());
        env.put("QUARKUS_REDIS_HOSTS", Platform.redisHosts());
        env.put("QUARKUS_DATASOURCE_USERNAME", Platform.PG_USER);
        env.put("QUARKUS_DATASOURCE_PASSWORD", Platform.PG_PASSWORD);
        env.put("DISPATCH_SMPP_PASSWORD", "secret");
        // the services with an API verify bearer tokens: the tests sign them with the test-only key.
        env.put("AUTH_PUBLIC_KEY_LOCATION", TestTokens.writePublicKey(Path.of("target", "test-jwt-public.pem")));
        env.put("AUTH_TOKEN_ISSUER", TestTokens.ISSUER);
        env.put("ANALYTICS_PSEUDONYM_KEY", "local-development-pseudonym-key");
        env.put("COMPLIANCE_ERASURE_KEY", "local-development-erasure-key");
        return env;
    }

    /**
     * For tests that run dispatch without compliance: compliance's part of loading the erased numbers' suppressions
     * into Redis after it started (none were erased in these tests), without which dispatch sends nothing
     * (ErasedSuppressionIndex.MARKER in suppression-index).
     */
    public static void erasedCopyLoadedAsComplianceWould() {
        String redis = Platform.redisHosts();
        RedisCommands.call(redis, "SET", "sms:suppression:erased-loaded", RedisCommands.runId(redis));
    }

    @Override
    public void close() {
        replicas.values().forEach(list -> list.forEach(ServiceProcess::close));
    }
}
