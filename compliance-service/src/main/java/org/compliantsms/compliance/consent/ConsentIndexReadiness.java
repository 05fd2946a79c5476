package org.compliantsms.compliance.consent;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready while the consent index is unreachable or incomplete: MARKETING that needs consent waits then. */
@Readiness
@ApplicationScoped
public class ConsentIndexReadiness implements HealthCheck {
    private final ConsentIndexRebuilder rebuilder;

    public ConsentIndexReadiness(ConsentIndexRebuilder rebuilder) {
        this.rebuilder = rebuilder;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("consent-index").status(rebuilder.complete())
                .withData("state", rebuilder.state()).withData("detail", rebuilder.detail()).build();
    }
}
