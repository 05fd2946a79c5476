package org.compliantsms.console;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.compliantsms.testing.Platform;
import org.compliantsms.testing.ServiceProcess;
import org.compliantsms.testing.TestTokens;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The services the console calls, packaged and run as real processes against the platform's Kafka, Redis and
 * PostgreSQL, as the system tests run them: campaign-service, compliance, dispatch and the carrier simulator (so
 * that a campaign reaches SUBMITTED), and inbound-service (the lookup page's replies). The console under test is
 * pointed at them.
 */
public class ConsoleServices implements QuarkusTestResourceLifecycleManager {
    /**
     * campaign-service's tables in a schema of this test: on the shared database other branches move or drop the
     * tables of public (and Hibernate's update then sees another schema's table and creates none).
     */
    private static final Map<String, String> OWN_SCHEMA = Map.of(
            "quarkus.datasource.reactive.url", "postgresql://localhost:5432/sms_campaign?search_path=console_it",
            "quarkus.hibernate-orm.database.default-schema", "console_it",
            "quarkus.hibernate-orm.schema-management.create-schemas", "true");

    private final List<ServiceProcess> started = new ArrayList<>();

    @Override
    public Map<String, String> start() {
        Path logs = Path.of("target", "processes");
        Map<String, String> env = environment();
        int smppPort = ServiceProcess.freePort();
        try {
            started.add(ServiceProcess.start("carrier-simulator", ServiceProcess.freePort(),
                    Map.of("simulator.smpp.port", Integer.toString(smppPort)), env, logs));
            // Quiet hours off: the test's MARKETING campaign to French numbers is decided the same at 3 a.m.
            started.add(ServiceProcess.start("compliance-service", ServiceProcess.freePort(),
                    with(Map.of("compliance.quiet-hours.enabled", "false")), env, logs));
            started.add(ServiceProcess.start("dispatch-service", ServiceProcess.freePort(),
                    with(Map.of("dispatch.smpp.port", Integer.toString(smppPort))), env, logs));
            Map<String, String> inboundEnv = new HashMap<>(env);
            inboundEnv.put("LOCAL_WEBHOOK_SECRET", "console-test-webhook-secret");
            ServiceProcess inbound = ServiceProcess.start("inbound-service", ServiceProcess.freePort(),
                    Map.of("inbound.senders.\"" + ConsoleBrowserIT.SENDER + "\"", ConsoleBrowserIT.PROGRAM,
                            "inbound.webhook.accounts.local.scheme", "HMAC_SHA256",
                            "inbound.webhook.accounts.local.secret", "${LOCAL_WEBHOOK_SECRET}"),
                    inboundEnv, logs);
            started.add(inbound);
            ServiceProcess campaign = ServiceProcess.start("campaign-service", ServiceProcess.freePort(), with(OWN_SCHEMA),
                    env, logs);
            started.add(campaign);
            for (ServiceProcess process : started) {
                process.awaitReady(Duration.ofSeconds(180));
            }
            return Map.of("quarkus.rest-client.campaign-service.url", campaign.baseUrl(),
                    "quarkus.rest-client.inbound-service.url", inbound.baseUrl());
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    /**
     * The services' properties plus the Flyway options given to this build (-Dquarkus.flyway.*): on the shared
     * database another branch may have applied migrations this one does not have.
     */
    private static Map<String, String> with(Map<String, String> properties) {
        Map<String, String> all = new HashMap<>(properties);
        System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith("quarkus.flyway."))
                .forEach(name -> all.put(name, System.getProperty(name)));
        return all;
    }

    static Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", Platform.kafkaBootstrap());
        env.put("QUARKUS_REDIS_HOSTS", Platform.redisHosts());
        env.put("QUARKUS_DATASOURCE_USERNAME", Platform.PG_USER);
        env.put("QUARKUS_DATASOURCE_PASSWORD", Platform.PG_PASSWORD);
        env.put("DISPATCH_SMPP_PASSWORD", "secret");
        env.put("AUTH_PUBLIC_KEY_LOCATION", TestTokens.writePublicKey(Path.of("target", "test-jwt-public.pem")));
        env.put("AUTH_TOKEN_ISSUER", TestTokens.ISSUER);
        env.put("ANALYTICS_PSEUDONYM_KEY", "local-development-pseudonym-key");
        return env;
    }

    @Override
    public void stop() {
        started.forEach(ServiceProcess::close);
        started.clear();
    }
}
