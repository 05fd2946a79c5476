package org.compliantsms.dispatch.carrier;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The carriers' side for Prometheus, tagged by carrier: submit results and their round trip, the SMPP sessions
 * bound now (0 for two minutes is the "carrier down" alert) and whether an HTTP carrier is reachable. One message
 * in several parts counts once, with its combined result; a message that failed over counts at each carrier tried.
 */
@ApplicationScoped
public class CarrierMetrics {
    private final MeterRegistry registry;

    public CarrierMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The submit counters and timer of one carrier. */
    public Submits forCarrier(String carrier) {
        return new Submits(registry, carrier);
    }

    <T> void sessionsBound(String carrier, T sessions, ToDoubleFunction<T> bound) {
        Gauge.builder("sms.dispatch.sessions.bound", sessions, bound)
                .description("SMPP sessions bound to the carrier now (an HTTP carrier: 1 reachable, 0 not)")
                .tag("carrier", carrier).register(registry);
    }

    /** One carrier's submits. */
    public static final class Submits {
        private final Counter accepted;
        private final Counter refused;
        private final Counter notSent;
        private final Counter unknown;
        private final Timer roundTrip;

        Submits(MeterRegistry registry, String carrier) {
            this.accepted = submits(registry, carrier, "accepted");
            this.refused = submits(registry, carrier, "refused");
            this.notSent = submits(registry, carrier, "not_sent");
            this.unknown = submits(registry, carrier, "unknown");
            this.roundTrip = Timer.builder("sms.dispatch.submit").description("submit written -> carrier's answer")
                    .tag("carrier", carrier).publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30))
                    .register(registry);
        }

        private static Counter submits(MeterRegistry registry, String carrier, String result) {
            return Counter.builder("sms.dispatch.submits").description("messages submitted, by the carrier's answer")
                    .tag("carrier", carrier).tag("result", result).register(registry);
        }

        /** One message's result; {@code startNanos} when its first submit was written. */
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
}
