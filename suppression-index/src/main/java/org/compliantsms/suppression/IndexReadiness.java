package org.compliantsms.suppression;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready while the suppression index is unreachable or incomplete: nothing is decided on it then. */
@Readiness
@ApplicationScoped
public class IndexReadiness implements HealthCheck {
    private final IndexRebuilder rebuilder;

    public IndexReadiness(IndexRebuilder rebuilder) {
        this.rebuilder = rebuilder;
    }

    @Override
    public HealthCheckResponse call() {
        IndexStatus status = rebuilder.status();
        return HealthCheckResponse.named("suppression-index").status(status.complete())
                .withData("state", status.state()).withData("detail", status.detail()).build();
    }
}
