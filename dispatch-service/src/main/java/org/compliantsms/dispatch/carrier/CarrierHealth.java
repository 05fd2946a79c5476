package org.compliantsms.dispatch.carrier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while at least one carrier can take submits (an SMPP session bound, an HTTP carrier reachable): without one
 * nothing can be sent; with one, routing fails over to it. Each carrier's state is in the check's data.
 */
@Readiness
@ApplicationScoped
public class CarrierHealth implements HealthCheck {
    private final Carriers carriers;

    public CarrierHealth(Carriers carriers) {
        this.carriers = carriers;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("carriers");
        boolean any = false;
        for (Carrier carrier : carriers.all()) {
            any |= carrier.available();
            response.withData(carrier.name(), carrier.state());
        }
        return response.status(any).build();
    }
}
