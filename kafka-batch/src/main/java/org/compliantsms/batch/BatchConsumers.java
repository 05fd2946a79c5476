package org.compliantsms.batch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/** Starts a {@link BatchConsumerLoop} for every enabled {@link BatchHandler} bean of the service. */
@ApplicationScoped
public class BatchConsumers {
    private static final Logger LOG = Logger.getLogger(BatchConsumers.class);

    private final BatchConfig config;
    private final OutputProducer producer;
    private final Instance<BatchHandler<?>> handlers;
    private final MeterRegistry registry;
    private final OpenTelemetry openTelemetry;
    private final List<BatchConsumerLoop<?>> loops = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final String instanceId = UUID.randomUUID().toString().substring(0, 8);

    public BatchConsumers(BatchConfig config, OutputProducer producer, @Any Instance<BatchHandler<?>> handlers,
            Instance<MeterRegistry> registries, Instance<OpenTelemetry> openTelemetries) {
        this.config = config;
        this.producer = producer;
        this.handlers = handlers;
        // A service without the Micrometer extension still runs; its consumers' metrics are kept in memory only.
        this.registry = registries.isResolvable() ? registries.get() : new SimpleMeterRegistry();
        // Without the OpenTelemetry extension the trace context still travels (Output.causedBy), with no spans.
        this.openTelemetry = openTelemetries.isResolvable() ? openTelemetries.get() : OpenTelemetry.noop();
    }

    void start(@Observes StartupEvent event) {
        for (BatchHandler<?> handler : handlers) {
            BatchConfig.Consumer consumer = config.consumers().get(handler.name());
            if (consumer == null) {
                throw new IllegalStateException("no configuration batch.consumers." + handler.name() + ".group-id");
            }
            if (!consumer.enabled()) {
                LOG.infof("%s: disabled", handler.name());
                continue;
            }
            for (int i = 0; i < Math.max(1, consumer.threads()); i++) {
                BatchConsumerLoop<?> loop = new BatchConsumerLoop<>(handler, config, producer, instanceId + "-" + i,
                        registry, openTelemetry);
                Thread thread = new Thread(loop, "batch-" + handler.name() + "-" + i);
                loops.add(loop);
                threads.add(thread);
                thread.start();
            }
        }
    }

    void stop(@Observes ShutdownEvent event) {
        loops.forEach(BatchConsumerLoop::stop);
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public List<ConsumerState> states() {
        return loops.stream().map(BatchConsumerLoop::state).toList();
    }
}
