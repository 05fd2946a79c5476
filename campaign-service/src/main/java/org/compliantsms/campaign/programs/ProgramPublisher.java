package org.compliantsms.campaign.programs;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.compliantsms.batch.BatchConfig;
import org.compliantsms.batch.KafkaClients;
import org.compliantsms.batch.Output;
import org.compliantsms.campaign.Channels;
import org.compliantsms.events.Topics;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Sends program changes to the compacted sms.programs.v1 from the program table (an outbox): each unpublished row
 * as it is now, marked published once Kafka acknowledged it. One thread does it, after every change and every few
 * seconds, and once for every program at startup (a topic that lost its records gets them back).
 * <p>
 * Compaction keeps the last record of a key, so the last one must be the newest version: after each send the
 * version is read again, and a change committed meanwhile (by another replica) is sent after it.
 */
@ApplicationScoped
public class ProgramPublisher {
    private static final Logger LOG = Logger.getLogger(ProgramPublisher.class);

    private final ProgramStore store;
    private final BatchConfig kafka;
    private final ProgramsConfig config;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "program-publisher");
        thread.setDaemon(true);
        return thread;
    });
    private Producer<String, byte[]> producer;

    public ProgramPublisher(ProgramStore store, BatchConfig kafka, ProgramsConfig config) {
        this.store = store;
        this.kafka = kafka;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        worker.execute(() -> run(true));
        worker.scheduleWithFixedDelay(() -> run(false), config.publishRetry().toMillis(),
                config.publishRetry().toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        worker.shutdownNow();
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
        }
    }

    /** Publishes every unpublished change; completes when done (or failed: the retry sends them later). */
    public CompletableFuture<Void> flush() {
        return CompletableFuture.runAsync(() -> run(false), (ExecutorService) worker);
    }

    private void run(boolean everything) {
        try {
            List<ProgramStore.Pending> pending = await(everything ? store.all() : store.unpublished());
            for (ProgramStore.Pending change : pending) {
                publish(change);
            }
            if (everything) {
                LOG.infof("programs: %d sent to %s at startup", pending.size(), Topics.PROGRAMS);
            }
        } catch (RuntimeException e) {
            LOG.warnf("programs: not all changes published to %s, retried in %s: %s", Topics.PROGRAMS,
                    config.publishRetry(), e.toString());
        }
    }

    private void publish(ProgramStore.Pending change) {
        ProgramStore.Pending current = change;
        while (current != null) {
            send(current);
            await(store.markPublished(current.programId(), current.version()));
            ProgramStore.Pending now = await(store.current(current.programId()));
            current = now != null && now.version() != current.version() ? now : null;
        }
    }

    private void send(ProgramStore.Pending change) {
        ProducerRecord<String, byte[]> record;
        if (change.tombstone()) {
            record = new ProducerRecord<>(Topics.PROGRAMS, change.programId(), null);
        } else {
            Output output = Output.event(change.program(), Channels.SOURCE);
            record = new ProducerRecord<>(output.topic(), null, output.key(), output.value(), output.headers());
        }
        try {
            producer().send(record).get(config.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException("program " + change.programId() + " v" + change.version()
                    + " not acknowledged: " + e, e);
        }
        LOG.debugf("programs: %s v%d published%s", change.programId(), change.version(),
                change.tombstone() ? " (deleted: tombstone)" : "");
    }

    private Producer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(KafkaClients.producer(kafka.bootstrapServers(),
                    kafka.clientId() + "-programs"));
        }
        return producer;
    }

    private <T> T await(io.smallrye.mutiny.Uni<T> work) {
        return work.await().atMost(config.publishTimeout());
    }
}
