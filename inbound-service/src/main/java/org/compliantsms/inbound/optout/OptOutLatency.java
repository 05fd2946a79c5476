package org.compliantsms.inbound.optout;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.events.ConsentChanged;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Opt-out to effect, for Prometheus: from the moment the platform received the reply (the webhook's arrival, or
 * dispatch reading it from the SMPP session) to the moment the index holds the change and no submit that read the
 * index before can still reach the carrier. A histogram per path ({@code webhook}, {@code smpp}) and action.
 */
@ApplicationScoped
public class OptOutLatency {
    private final MeterRegistry registry;

    public OptOutLatency(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The change's time is the reply's reception (server time, ConsentDecider). */
    void effective(String path, ConsentChanged change) {
        Duration took = Duration.between(change.occurredAt(), Instant.now());
        Timer.builder("sms.optout.effect")
                .description("reply received -> consent change effective (index written, submits in flight drained)")
                .tag("path", path).tag("action", change.action().name())
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(5)).maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry)
                .record(took.isNegative() ? Duration.ZERO : took);
    }
}
