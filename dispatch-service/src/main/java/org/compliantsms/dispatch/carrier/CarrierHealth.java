package org.compliantsms.dispatch.carrier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready while at least one carrier session is bound: without one nothing can be sent. */
@Readiness
@ApplicationScoped
public class CarrierHealth implements HealthCheck {
    private final SmppSessions sessions;

    public CarrierHealth(SmppSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public HealthCheckResponse call() {
        int bound = sessions.bound();
        return HealthCheckResponse.named("carrier-" + sessions.carrierName()).status(bound > 0)
                .withData("boundSessions", bound).withData("configuredSessions", sessions.configured()).build();
    }
}
