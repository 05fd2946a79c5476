package org.compliantsms.console;

import java.util.Map;

import org.compliantsms.testing.RunningSystem;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The services the console calls, packaged and run as real processes on the platform's Kafka, Redis and PostgreSQL
 * as the system tests run them (test-support's {@link RunningSystem}); the console under test is pointed at them.
 */
public class ConsoleServices implements QuarkusTestResourceLifecycleManager {
    /** The running services, for the test's own set-up (its program, its recipients' consent) and the simulator. */
    static RunningSystem system;

    @Override
    public Map<String, String> start() {
        system = new RunningSystem();
        return Map.of("quarkus.rest-client.campaign-service.url", system.campaign.baseUrl(),
                "quarkus.rest-client.compliance-service.url", system.compliance.baseUrl());
    }

    @Override
    public void stop() {
        if (system != null) {
            system.close();
            system = null;
        }
    }
}
