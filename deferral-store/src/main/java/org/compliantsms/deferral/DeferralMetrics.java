package org.compliantsms.deferral;

import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.StartupEvent;

/**
 * The deferred queue for Prometheus: how many records wait (read from the table when scraped, so every replica
 * reports the one shared depth; NaN while PostgreSQL cannot be read) and how many were released.
 */
@ApplicationScoped
public class DeferralMetrics {
    private static final Logger LOG = Logger.getLogger(DeferralMetrics.class);

    private final DeferralStore store;
    private final MeterRegistry registry;
    private final Counter released;

    public DeferralMetrics(DeferralStore store, Instance<MeterRegistry> registries) {
        this.store = store;
        this.registry = registries.isResolvable() ? registries.get() : new SimpleMeterRegistry();
        this.released = Counter.builder("sms.deferred.released")
                .description("records released from the deferral store to their topic").register(registry);
    }

    void register(@Observes StartupEvent event) {
        Gauge.builder("sms.deferred.records", this, DeferralMetrics::waiting)
                .description("records waiting in the deferral store (all replicas)").register(registry);
    }

    void released(int count) {
        released.increment(count);
    }

    private double waiting() {
        try {
            return store.waiting();
        } catch (SQLException | RuntimeException e) {
            LOG.debugf("deferred records not counted: %s", e.getMessage());
            return Double.NaN;
        }
    }
}
