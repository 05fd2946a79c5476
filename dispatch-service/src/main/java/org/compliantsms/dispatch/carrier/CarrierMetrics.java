package org.compliantsms.dispatch.carrier;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The carrier's side for Prometheus: submit_sm results and their round trip, and the sessions bound now (0 for two
 * minutes is the "carrier down" alert). One message in several parts counts once, with its combined result.
 */
@ApplicationScoped
public class CarrierMetrics {
    private final Counter accepted;
    private final Counter refused;
    private final Counter notSent;
    private final Counter unknown;
    private final Timer roundTrip;

    public CarrierMetrics(SmppSessions sessions, MeterRegistry registry) {
        String carrier = sessions.carrierName();
        this.accepted = submits(registry, carrier, "accepted");
        this.refused = submits(registry, carrier, "refused");
        this.notSent = submits(registry, carrier, "not_sent");
        this.unknown = submits(registry, carrier, "unknown");
        this.roundTrip = Timer.builder("sms.dispatch.submit").description("submit_sm written -> submit_sm_resp")
                .tag("carrier", carrier).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
        Gauge.builder("sms.dispatch.sessions.bound", sessions, SmppSessions::bound)
                .description("SMPP sessions bound to the carrier now").tag("carrier", carrier).register(registry);
    }

    private static Counter submits(MeterRegistry registry, String carrier, String result) {
        return Counter.builder("sms.dispatch.submits").description("messages submitted, by the carrier's answer")
                .tag("carrier", carrier).tag("result", result).register(registry);
    }

    /** One message's result; {@code startNanos} when its first submit_sm was written. */
    void submitted(SubmitResult result, long startNanos) {
        if (result instanceof SubmitResult.NotSent) {
            notSent.increment();
            return;
        }
        roundTrip.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
        if (result instanceof SubmitResult.Accepted) {
            accepted.increment();
        } else if (result instanceof SubmitResult.Refused) {
            refused.increment();
        } else {
            unknown.increment();
        }
    }
}
