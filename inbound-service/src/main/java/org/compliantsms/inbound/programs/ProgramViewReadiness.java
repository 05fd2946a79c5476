package org.compliantsms.inbound.programs;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until the programs of sms.programs.v1 are all read: a reply is attributed only from a complete view. */
@Readiness
@ApplicationScoped
public class ProgramViewReadiness implements HealthCheck {
    private final ProgramView programs;

    public ProgramViewReadiness(ProgramView programs) {
        this.programs = programs;
    }

    @Override
    public HealthCheckResponse call() {
        var reader = programs.reader();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("programs-view").status(programs.caughtUp())
                .withData("programs", programs.size());
        if (reader != null) {
            response.withData("records", reader.applied()).withData("malformed", reader.malformed());
            if (reader.waitingReason() != null) {
                response.withData("waiting", reader.waitingReason() + " since " + reader.since());
            }
        }
        return response.build();
    }
}
