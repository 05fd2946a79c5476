package org.compliantsms.compliance.timeline;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;

/** The timeline's facts for Prometheus: new ones, and those already kept (redeliveries, replays). */
@ApplicationScoped
public class TimelineMetrics {
    private static final String NAME = "sms.compliance.timeline.facts";

    private final MeterRegistry registry;

    public TimelineMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void recorded(String consumer, int written, int alreadyKept) {
        registry.counter(NAME, "consumer", consumer, "result", "new").increment(written);
        registry.counter(NAME, "consumer", consumer, "result", "already-kept").increment(alreadyKept);
    }
}
