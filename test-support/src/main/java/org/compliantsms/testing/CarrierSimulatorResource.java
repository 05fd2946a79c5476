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
        int smppPort = ServiceProcess.freePort();
        simulator = startSimulator(smppPort, Map.of());
        return Map.of(
                "dispatch.smpp.host", "localhost",
                "dispatch.smpp.port", Integer.toString(smppPort),
                "test.simulator.admin-url", simulator.baseUrl());
    }

    /**
     * Another simulator process, on a free HTTP port and the given SMPP port (several can run at once: a test can
     * stop one carrier while another goes on), with extra {@code simulator.*} properties; ready when it returns.
     */
    public static ServiceProcess startSimulator(int smppPort, Map<String, String> properties) {
        Map<String, String> all = new java.util.HashMap<>(properties);
        all.put("simulator.smpp.port", Integer.toString(smppPort));
        return ServiceProcess.start("carrier-simulator", ServiceProcess.freePort(), all, Map.of(),
                Path.of("target", "processes")).awaitReady(Duration.ofSeconds(60));
    }

    @Override
    public void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }
}
