package org.compliantsms.compliance.screening;

import java.util.EnumMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.events.MessageApproved;
import org.compliantsms.events.MessageRejected;
import org.compliantsms.events.RejectionReason;
import org.compliantsms.events.SmsEvent;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Compliance's decisions for Prometheus, by outcome and reason (counters made once: this is the hot path). */
@ApplicationScoped
public class DecisionMetrics {
    private static final String NAME = "sms.compliance.decisions";

    private final Counter approved;
    private final Counter deferred;
    private final Map<RejectionReason, Counter> rejected = new EnumMap<>(RejectionReason.class);

    public DecisionMetrics(MeterRegistry registry) {
        this.approved = counter(registry, "APPROVED", "none");
        this.deferred = counter(registry, "DEFERRED", "quiet-hours");
        for (RejectionReason reason : RejectionReason.values()) {
            rejected.put(reason, counter(registry, "REJECTED", reason.name()));
        }
    }

    private static Counter counter(MeterRegistry registry, String outcome, String reason) {
        return Counter.builder(NAME).description("requests decided, by outcome and reason").tag("outcome", outcome)
                .tag("reason", reason).register(registry);
    }

    void decided(SmsEvent outcome) {
        if (outcome instanceof MessageApproved) {
            approved.increment();
        } else if (outcome instanceof MessageRejected rejection) {
            rejected.get(rejection.reason()).increment();
        }
    }

    void deferred() {
        deferred.increment();
    }
}
