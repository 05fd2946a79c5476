package org.compliantsms.dispatch.carrier;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.compliantsms.dispatch.carrier.CarrierConfig.Type;
import org.compliantsms.dispatch.carrier.rate.CarrierRateLimits;
import org.compliantsms.dispatch.receipts.ReceiptListener;
import org.compliantsms.dispatch.replies.MobileOriginatedListener;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/**
 * Every configured carrier by name ({@link CarrierCatalog}), started with the service and stopped with it, each
 * with its rate limit: the shared Redis bucket of its name ({@link CarrierRateLimits}).
 */
@ApplicationScoped
public class Carriers {
    private final CarrierCatalog catalog;
    private final Map<String, Carrier> carriers = new LinkedHashMap<>();

    public Carriers(CarrierConfig config, MobileOriginatedListener replies, ReceiptListener receipts,
            CarrierMetrics metrics, CarrierRateLimits rateLimits, Vertx vertx) {
        this.catalog = CarrierCatalog.of(config);
        for (CarrierSettings settings : catalog.carriers().values()) {
            CarrierRateLimits.Limit rate = rateLimits.forCarrier(settings.name(), settings.maxRate(),
                    settings.rateBurst());
            carriers.put(settings.name(), settings.type() == Type.HTTP
                    ? new HttpCarrier(settings, rate, vertx, metrics)
                    : new SubmitWindow(settings, new SmppSessions(settings, replies, receipts), rate, metrics));
        }
    }

    void start(@Observes StartupEvent event) {
        carriers.values().forEach(Carrier::start);
    }

    void stop(@Observes ShutdownEvent event) {
        carriers.values().forEach(Carrier::stop);
    }

    public CarrierCatalog catalog() {
        return catalog;
    }

    public Collection<Carrier> all() {
        return carriers.values();
    }

    public Optional<Carrier> named(String name) {
        return Optional.ofNullable(carriers.get(name));
    }

    public Optional<CarrierSettings> settings(String name) {
        return Optional.ofNullable(catalog.carriers().get(name));
    }

    /** An SMPP carrier's window (tests submit through it directly). */
    public SubmitWindow smpp(String name) {
        if (carriers.get(name) instanceof SubmitWindow window) {
            return window;
        }
        throw new IllegalArgumentException("no SMPP carrier named " + name);
    }

    /** Submits in flight at once over every carrier. */
    public int capacity() {
        return carriers.values().stream().mapToInt(Carrier::capacity).sum();
    }

    /** The longest a submit to any carrier may wait for its answer. */
    public Duration longestResponseTimeout() {
        return catalog.carriers().values().stream().map(CarrierSettings::responseTimeout).max(Duration::compareTo)
                .orElse(Duration.ofSeconds(10));
    }
}
