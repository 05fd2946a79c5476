package org.compliantsms.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Runs the packaged carrier simulator as a real process for a service's tests and points the service's SMPP
 * client at it. The test reads the admin URL from config key {@code test.simulator.admin-url}.
 */
public class CarrierSimulatorResource implements QuarkusTestResourceLifecycleManager {
    private ServiceProcess simulator;

    @Override
    public Map<String, String> start() {
        int httpPort = ServiceProcess.freePort();
        int smppPort = ServiceProcess.freePort();
        simulator = ServiceProcess.start("carrier-simulator", httpPort, Map.of("simulator.smpp.port",
                Integer.toString(smppPort)), Map.of(), Path.of("target", "processes"))
                .awaitReady(Duration.ofSeconds(60));
        return Map.of(
                "dispatch.smpp.host", "localhost",
                "dispatch.smpp.port", Integer.toString(smppPort),
                "test.simulator.admin-url", simulator.baseUrl());
    }

    @Override
    public void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }
}
