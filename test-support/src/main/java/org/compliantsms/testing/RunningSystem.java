package org.compliantsms.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
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

    public final ServiceProcess simulator;
    public final ServiceProcess compliance;
    public final ServiceProcess dispatch;
    public final ServiceProcess inbound;
    public final ServiceProcess campaign;
    private final List<ServiceProcess> all = new ArrayList<>();

    public RunningSystem() {
        Path logs = Path.of("target", "processes");
        Map<String, String> env = environment();
        int smppPort = ServiceProcess.freePort();
        try {
            simulator = started(ServiceProcess.start("carrier-simulator", ServiceProcess.freePort(),
                    Map.of("simulator.smpp.port", Integer.toString(smppPort)), env, logs));
            // The campaigns here are MARKETING to French numbers: quiet hours off, so that the tests decide the same
            // at 3 a.m. and on Sundays (compliance-service's QuietHoursIT covers them).
            compliance = started(ServiceProcess.start("compliance-service", ServiceProcess.freePort(),
                    withBuildOptions(Map.of("compliance.quiet-hours.enabled", "false")), env, logs));
            dispatch = started(ServiceProcess.start("dispatch-service", ServiceProcess.freePort(),
                    Map.of("dispatch.smpp.port", Integer.toString(smppPort)), env, logs));
            Map<String, String> inboundEnv = new HashMap<>(env);
            inboundEnv.put("LOCAL_WEBHOOK_SECRET", WEBHOOK_SECRET);
            inbound = started(ServiceProcess.start("inbound-service", ServiceProcess.freePort(),
                    Map.of("inbound.senders.\"" + SHORT_CODE + "\"", PROGRAM,
                            "inbound.webhook.accounts." + WEBHOOK_ACCOUNT + ".scheme", "HMAC_SHA256",
                            "inbound.webhook.accounts." + WEBHOOK_ACCOUNT + ".secret", "${LOCAL_WEBHOOK_SECRET}"),
                    inboundEnv, logs));
            campaign = started(ServiceProcess.start("campaign-service", ServiceProcess.freePort(),
                    withBuildOptions(Map.of()), env, logs));
            for (ServiceProcess process : all) {
                process.awaitReady(Duration.ofSeconds(120));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
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

    private ServiceProcess started(ServiceProcess process) {
        all.add(process);
        return process;
    }

    @Override
    public void close() {
        all.forEach(ServiceProcess::close);
    }
}
