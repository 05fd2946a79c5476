package org.compliantsms.dispatch.routing;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.compliantsms.testing.CarrierSimulatorResource;
import org.compliantsms.testing.ServiceProcess;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Two carrier simulators as processes, and dispatch configured with three carriers over them: {@code alpha} (SMPP
 * to the first) and {@code beta} (SMPP to the second) for French numbers, alpha first and beta as its backup, and
 * {@code web}, the second simulator's HTTP carrier mode (signed receipts), for UK numbers. Nothing else has a
 * route. The test gets the first simulator's process ({@code alpha}, an AtomicReference so that it can stop and
 * start it again) to take that carrier down.
 */
public class TwoCarriersResource implements QuarkusTestResourceLifecycleManager {
    static final String WEB_KEY = "Bearer web-key-for-tests";
    static final String WEBHOOK_SECRET = "webhook-secret-for-tests";

    private final AtomicReference<ServiceProcess> alpha = new AtomicReference<>();
    private ServiceProcess beta;

    @Override
    public Map<String, String> start() {
        int alphaPort = ServiceProcess.freePort();
        int betaPort = ServiceProcess.freePort();
        alpha.set(CarrierSimulatorResource.startSimulator(alphaPort, Map.of()));
        beta = CarrierSimulatorResource.startSimulator(betaPort, Map.of("simulator.http.auth-value", WEB_KEY,
                "simulator.http.webhook-secret", WEBHOOK_SECRET, "simulator.receipts.delay", "200ms"));
        Map<String, String> config = new HashMap<>();
        config.put("dispatch.smpp.host", "localhost");
        config.put("dispatch.smpp.reconnect-delay", "300ms");
        config.put("dispatch.carriers.alpha.type", "SMPP");
        config.put("dispatch.carriers.alpha.smpp.port", Integer.toString(alphaPort));
        config.put("dispatch.carriers.beta.smpp.port", Integer.toString(betaPort));
        config.put("dispatch.carriers.beta.smpp.sessions", "1");
        config.put("dispatch.carriers.web.type", "HTTP");
        config.put("dispatch.carriers.web.http.url", beta.baseUrl() + "/carrier/messages");
        config.put("dispatch.carriers.web.http.auth-value", WEB_KEY);
        config.put("dispatch.carriers.web.http.webhook-secret", WEBHOOK_SECRET);
        config.put("dispatch.carriers.web.http.response-timeout", "2s");
        config.put("dispatch.routes.france.prefixes", "+33");
        config.put("dispatch.routes.france.carrier", "alpha");
        config.put("dispatch.routes.france.priority", "1");
        config.put("dispatch.routes.france-backup.prefixes", "33");
        config.put("dispatch.routes.france-backup.carrier", "beta");
        config.put("dispatch.routes.france-backup.priority", "2");
        config.put("dispatch.routes.uk.prefixes", "+44");
        config.put("dispatch.routes.uk.carrier", "web");
        // Other tests of the module read it (their injection points are checked in every application).
        config.put("test.simulator.admin-url", alpha.get().baseUrl());
        config.put("test.simulator.beta-url", beta.baseUrl());
        return config;
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(alpha, field -> field.getName().equals("alphaProcess"));
    }

    @Override
    public void stop() {
        ServiceProcess first = alpha.get();
        if (first != null) {
            first.close();
        }
        if (beta != null) {
            beta.close();
        }
    }
}
