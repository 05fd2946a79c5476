package org.compliantsms.dispatch.carrier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the carrier session is bound: without it nothing can be sent. */
@Readiness
@ApplicationScoped
public class CarrierHealth implements HealthCheck {
    private final SmppCarrier carrier;

    public CarrierHealth(SmppCarrier carrier) {
        this.carrier = carrier;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("carrier-" + carrier.name()).status(carrier.bound()).build();
    }
}
