package org.compliantsms.campaign.emission;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.compliantsms.campaign.emission.EmissionStore.Emission;
import org.compliantsms.campaign.emission.EmissionStore.Pending;
import org.compliantsms.campaign.requests.MessageRequestPublisher;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Emits campaigns chunk by chunk from a persisted cursor: a chunk is read after the cursor, sent, and the cursor
 * moves only once Kafka acknowledged the whole chunk. The replica that emits holds the campaign's lease and renews
 * it with each chunk; when it dies, the lease runs out and any replica (this one restarted, or another) resumes
 * from the cursor with the same message ids. At most one chunk is requested again after a crash, with the ids it
 * had (downstream drops the repeats by message id). A campaign-level rate paces the chunks.
 */
@ApplicationScoped
public class CampaignEmitter {
    private static final Logger LOG = Logger.getLogger(CampaignEmitter.class);
    /** After a failed chunk (Kafka or PostgreSQL unavailable), the campaign waits this long before it is retried. */
    private static final Duration RETRY_AFTER = Duration.ofSeconds(2);

    private final EmissionStore store;
    private final MessageRequestPublisher publisher;
    private final EmissionConfig config;
    private final String owner = "campaign-service-" + UUID.randomUUID();
    private final Set<UUID> running = ConcurrentHashMap.newKeySet();
    private final Semaphore slots;
    private ExecutorService workers;
    private ScheduledExecutorService poller;

    public CampaignEmitter(EmissionStore store, MessageRequestPublisher publisher, EmissionConfig config) {
        this.store = store;
        this.publisher = publisher;
        this.config = config;
        this.slots = new Semaphore(config.campaignsAtOnce());
    }

    /** This replica's name in the campaigns' leases. */
    public String owner() {
        return owner;
    }

    public Duration lease() {
        return config.lease();
    }

    void start(@Observes StartupEvent event) {
        workers = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "campaign-emission");
            thread.setDaemon(true);
            return thread;
        });
        poller = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "campaign-emission-poll");
            thread.setDaemon(true);
            return thread;
        });
        long every = config.poll().toMillis();
        poller.scheduleWithFixedDelay(this::claimDue, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (poller != null) {
            poller.shutdownNow();
            workers.shutdownNow();
        }
    }

    /**
     * Emits a campaign this replica holds the lease of (taken when it was stored); completes when every message is
     * acknowledged, fails when the emission stopped before (it is then resumed by whichever replica polls first).
     */
    public CompletableFuture<Void> emit(UUID id) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        workers.execute(() -> {
            try {
                Optional<Emission> claimed = store.claim(id, owner, config.lease());
                if (claimed.isEmpty()) {
                    done.completeExceptionally(new IllegalStateException("campaign " + id + " is not due here"));
                    return;
                }
                if (!running.add(id)) {
                    done.completeExceptionally(new IllegalStateException("campaign " + id + " is being emitted"));
                    return;
                }
                try {
                    boolean finished = run(claimed.get());
                    if (finished) {
                        done.complete(null);
                    } else {
                        done.completeExceptionally(new IllegalStateException("emission of " + id + " stopped"));
                    }
                } finally {
                    running.remove(id);
                }
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    private void claimDue() {
        try {
            while (slots.tryAcquire()) {
                Optional<Emission> claimed = store.claimDue(owner, config.lease());
                if (claimed.isEmpty() || !running.add(claimed.get().id())) {
                    slots.release();
                    return;
                }
                Emission emission = claimed.get();
                LOG.infof("campaign %s: emission resumed after position %d", emission.id(), emission.emittedThrough());
                workers.execute(() -> {
                    try {
                        run(emission);
                    } finally {
                        running.remove(emission.id());
                        slots.release();
                    }
                });
            }
        } catch (RuntimeException e) {
            LOG.warnf("looking for due campaigns failed, trying again: %s", e.toString());
        }
    }

    /** @return true when every message was emitted */
    private boolean run(Emission campaign) {
        int cursor = campaign.emittedThrough();
        Integer rate = campaign.ratePerSecond();
        int chunk = rate == null ? config.chunk() : Math.max(1, Math.min(config.chunk(), rate));
        try {
            while (true) {
                long started = System.nanoTime();
                List<Pending> pending = store.pending(campaign.id(), cursor, chunk);
                if (pending.isEmpty()) {
                    store.finish(campaign.id(), owner);
                    LOG.infof("campaign %s: every message requested", campaign.id());
                    return true;
                }
                publisher.publish(campaign, pending, store::rejectUnrendered);
                cursor = pending.get(pending.size() - 1).position();
                if (rate != null) {
                    // paced before the cursor moves, so that a pause asked meanwhile is seen before the next chunk
                    long wait = started + TimeUnit.SECONDS.toNanos(pending.size()) / rate - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                }
                Optional<String> state = store.advance(campaign.id(), owner, cursor, config.lease());
                if (state.isEmpty()) {
                    LOG.warnf("campaign %s: lease lost after position %d, another replica goes on", campaign.id(),
                            cursor);
                    return false;
                }
                if (!state.get().equals("EMITTING")) {
                    store.release(campaign.id(), owner, Duration.ZERO);
                    LOG.infof("campaign %s: emission stopped after position %d (%s)", campaign.id(), cursor,
                            state.get());
                    return false;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (RuntimeException e) {
            LOG.warnf("campaign %s: emission interrupted after position %d, retried in %s: %s", campaign.id(), cursor,
                    RETRY_AFTER, e.toString());
            try {
                store.release(campaign.id(), owner, RETRY_AFTER);
            } catch (RuntimeException again) {
                // The lease runs out by itself.
            }
            return false;
        }
    }
}
