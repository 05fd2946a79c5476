package org.compliantsms.simulator.smpp;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

@Readiness
@ApplicationScoped
public class SmppServerHealth implements HealthCheck {
    private final SmscServer server;

    public SmppServerHealth(SmscServer server) {
        this.server = server;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("smpp-server")
                .status(server.listening())
                .withData("boundSessions", server.boundSessions().size())
                .build();
    }
}
