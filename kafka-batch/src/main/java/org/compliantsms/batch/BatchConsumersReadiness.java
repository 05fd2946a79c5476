package org.compliantsms.batch;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while any deciding consumer waits for a dependency (a secondary one only reports its wait): what each
 * waits for is in the check's data.
 */
@Readiness
@ApplicationScoped
public class BatchConsumersReadiness implements HealthCheck {
    private final BatchConsumers consumers;

    public BatchConsumersReadiness(BatchConsumers consumers) {
        this.consumers = consumers;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("batch-consumers").up();
        for (ConsumerState state : consumers.states()) {
            if (!state.flowing() && !state.secondary()) {
                response.down();
            }
            response.withData(state.name(), (state.flowing() ? "flowing, " + state.handled() + " handled"
                    : "waiting since " + state.since() + ": " + state.waitingReason())
                    + (state.secondary() ? " (secondary: lags without making the service unready)" : ""));
        }
        return response.build();
    }
}
