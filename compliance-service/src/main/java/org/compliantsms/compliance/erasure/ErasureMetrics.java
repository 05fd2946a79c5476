package org.compliantsms.compliance.erasure;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

@ApplicationScoped
public class ErasureMetrics {
    private final Counter erasures;

    public ErasureMetrics(MeterRegistry registry) {
        this.erasures = Counter.builder("sms.compliance.erasures").description("people erased (GDPR art. 17)")
                .register(registry);
    }

    void erased() {
        erasures.increment();
    }
}
