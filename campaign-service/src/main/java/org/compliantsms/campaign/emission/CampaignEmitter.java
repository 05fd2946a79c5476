package org.compliantsms.campaign.emission;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

import org.compliantsms.campaign.consents.ConsentBarrier;
import org.compliantsms.campaign.emission.EmissionStore.Emission;
import org.compliantsms.campaign.emission.EmissionStore.Pending;
import org.compliantsms.campaign.emission.EmissionStore.Wave;
import org.compliantsms.campaign.waves.LocalWindow;
import org.compliantsms.campaign.waves.RecipientZones;
import org.compliantsms.campaign.requests.MessageRequestPublisher;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Emits campaigns chunk by chunk from a persisted cursor: a chunk is read after the cursor, sent, and the cursor
 * moves only once Kafka acknowledged the whole chunk. The replica that emits holds the campaign's lease and renews
 * it with each chunk; when it dies, the lease runs out and any replica (this one restarted, or another) resumes
 * from the cursor with the same message ids. At most one chunk is requested again after a crash, with the ids it
 * had (downstream drops the repeats by message id). A campaign-level rate paces the chunks. A campaign sent within
 * each recipient's local window is emitted in time-zone waves, each behind its own cursor (docs/campaigns.md,
 * "Time-zone waves").
 */
@ApplicationScoped
public class CampaignEmitter {
    private static final Logger LOG = Logger.getLogger(CampaignEmitter.class);
    /** After a failed chunk (Kafka or PostgreSQL unavailable), the campaign waits this long before it is retried. */
    private static final Duration RETRY_AFTER = Duration.ofSeconds(2);
    /** A campaign whose imported consents compliance has not recorded yet is looked at again after this. */
    private static final Duration CONSENTS_RECHECK = Duration.ofSeconds(1);

    private final EmissionStore store;
    private final MessageRequestPublisher publisher;
    private final EmissionConfig config;
    /** When a campaign is due and which waves are open: the platform's clock (a test moves its own). */
    private final Clock clock;
    private final ConsentBarrier consents;
    private final String owner = "campaign-service-" + UUID.randomUUID();
    private final Set<UUID> running = ConcurrentHashMap.newKeySet();
    private final Semaphore slots;
    private ExecutorService workers;
    private ScheduledExecutorService poller;

    public CampaignEmitter(EmissionStore store, MessageRequestPublisher publisher, EmissionConfig config,
            Clock clock, ConsentBarrier consents) {
        this.store = store;
        this.consents = consents;
        this.clock = clock;
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
                Optional<Emission> claimed = store.claim(id, owner, config.lease(), clock.instant());
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

    /**
     * One poll: takes due campaigns while this replica has a free slot. A slot taken is given back whatever fails
     * before its campaign's worker starts: a claim that failed (PostgreSQL down) used to keep its slot, and after
     * {@code campaignsAtOnce} failed polls (4 s of outage) the replica never emitted again (FailClosedIT).
     */
    void claimDue() {
        try {
            while (slots.tryAcquire()) {
                Optional<Emission> claimed;
                try {
                    claimed = store.claimDue(owner, config.lease(), clock.instant());
                } catch (RuntimeException e) {
                    slots.release();
                    throw e;
                }
                if (claimed.isEmpty() || !running.add(claimed.get().id())) {
                    slots.release();
                    return;
                }
                Emission emission = claimed.get();
                LOG.infof("campaign %s: emission resumed after position %d", emission.id(), emission.emittedThrough());
                try {
                    workers.execute(() -> {
                        try {
                            run(emission);
                        } finally {
                            running.remove(emission.id());
                            slots.release();
                        }
                    });
                } catch (RuntimeException e) {
                    // rejected (shutting down): its lease runs out and another replica resumes it
                    running.remove(emission.id());
                    slots.release();
                    throw e;
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("looking for due campaigns failed, trying again: %s", e.toString());
        }
    }

    /** @return true when every message was emitted */
    private boolean run(Emission campaign) {
        int cursor = campaign.emittedThrough();
        try {
            if (!consents.recorded(campaign.id())) {
                store.release(campaign.id(), owner, CONSENTS_RECHECK);
                LOG.debugf("campaign %s: waits until compliance has recorded its imported consents", campaign.id());
                return false;
            }
            return campaign.window() == null ? runAll(campaign) : runWaves(campaign);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (RuntimeException e) {
            LOG.warnf("campaign %s: emission interrupted (cursor %d at its start), retried in %s: %s", campaign.id(),
                    cursor, RETRY_AFTER, e.toString());
            try {
                store.release(campaign.id(), owner, RETRY_AFTER);
            } catch (RuntimeException again) {
                // The lease runs out by itself.
            }
            return false;
        }
    }

    /** Every recipient at once, in campaign order, behind the campaign's cursor. */
    private boolean runAll(Emission campaign) throws InterruptedException {
        int cursor = campaign.emittedThrough();
        int chunk = chunk(campaign);
        while (true) {
            long started = System.nanoTime();
            List<Pending> pending = store.pending(campaign.id(), cursor, chunk);
            if (pending.isEmpty()) {
                store.finish(campaign.id(), owner);
                LOG.infof("campaign %s: every message requested", campaign.id());
                return true;
            }
            publisher.publish(campaign, pending, store::rejectUnrendered, clock.instant());
            cursor = pending.get(pending.size() - 1).position();
            pace(campaign, started, pending.size());
            if (!goesOn(campaign, store.advance(campaign.id(), owner, cursor, config.lease()), cursor)) {
                return false;
            }
        }
    }

    /**
     * Each recipient inside its local window: the campaign's messages in waves, one per set of time zones, each
     * behind its own cursor (moved only after Kafka acknowledged, as the campaign's). Every open wave sends a chunk
     * in turn; a chunk is released only when the clock shows its zones inside the window. When no remaining wave is
     * open, the campaign is given back (nothing is held, nobody sleeps) until the next one opens, or at most
     * {@code campaign.emission.window-recheck}.
     */
    private boolean runWaves(Emission campaign) throws InterruptedException {
        LocalWindow window = campaign.window();
        int chunk = chunk(campaign);
        Map<String, Integer> cursors = new LinkedHashMap<>();
        for (Wave wave : store.prepareWaves(campaign.id(), campaign.emittedThrough(), owner,
                config.lease())) {
            cursors.put(wave.timeZones(), wave.emittedThrough());
        }
        while (true) {
            boolean sent = false;
            for (var it = cursors.entrySet().iterator(); it.hasNext();) {
                var wave = it.next();
                List<ZoneId> zones = RecipientZones.zones(wave.getKey());
                Instant now = clock.instant();
                if (!window.contains(zones, now)) {
                    continue;
                }
                long started = System.nanoTime();
                List<Pending> pending = store.pendingInWave(campaign.id(), wave.getKey(), wave.getValue(), chunk);
                if (pending.isEmpty()) {
                    it.remove();
                    continue;
                }
                publisher.publish(campaign, pending, store::rejectUnrendered, now);
                int cursor = pending.get(pending.size() - 1).position();
                wave.setValue(cursor);
                sent = true;
                boolean last = pending.size() < chunk;
                pace(campaign, started, pending.size());
                if (!goesOn(campaign, store.advanceWave(campaign.id(), owner, wave.getKey(), cursor, config.lease()),
                        cursor)) {
                    return false;
                }
                if (last) {
                    it.remove(); // its last messages: done, whether its window stays open or not
                }
            }
            if (cursors.isEmpty()) {
                store.finish(campaign.id(), owner);
                LOG.infof("campaign %s: every message requested, each inside its local window %s", campaign.id(),
                        window);
                return true;
            }
            if (!sent) {
                Instant now = clock.instant();
                Instant next = null;
                for (var it = cursors.entrySet().iterator(); it.hasNext();) {
                    var wave = it.next();
                    Optional<Instant> opens = window.nextOpen(RecipientZones.zones(wave.getKey()), now);
                    if (opens.isEmpty()) {
                        int rejected = store.rejectWave(campaign.id(), wave.getKey(), wave.getValue(), "time zones "
                                + wave.getKey() + " are never inside the window " + window + " together");
                        LOG.warnf("campaign %s: %d messages of zones %s rejected: never inside %s together",
                                campaign.id(), rejected, wave.getKey(), window);
                        it.remove();
                    } else if (next == null || opens.get().isBefore(next)) {
                        next = opens.get();
                    }
                }
                if (next == null) {
                    continue;
                }
                Duration wait = Duration.between(now, next);
                if (wait.compareTo(config.windowRecheck()) > 0) {
                    wait = config.windowRecheck();
                }
                if (wait.isNegative() || wait.isZero()) {
                    continue;
                }
                store.release(campaign.id(), owner, wait);
                LOG.infof("campaign %s: %d waves wait for their window %s, the next opens at %s", campaign.id(),
                        cursors.size(), window, next);
                return false;
            }
        }
    }

    private int chunk(Emission campaign) {
        Integer rate = campaign.ratePerSecond();
        return rate == null ? config.chunk() : Math.max(1, Math.min(config.chunk(), rate));
    }

    /** The campaign's rate paces the chunks, before the cursor moves: a pause asked meanwhile is seen before the next. */
    private static void pace(Emission campaign, long started, int sent) throws InterruptedException {
        Integer rate = campaign.ratePerSecond();
        if (rate != null) {
            long wait = started + TimeUnit.SECONDS.toNanos(sent) / rate - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
        }
    }

    /** After a cursor moved: false when the lease was lost or the campaign was paused or cancelled. */
    private boolean goesOn(Emission campaign, Optional<String> state, int cursor) {
        if (state.isEmpty()) {
            LOG.warnf("campaign %s: lease lost after position %d, another replica goes on", campaign.id(), cursor);
            return false;
        }
        if (!state.get().equals("EMITTING")) {
            store.release(campaign.id(), owner, Duration.ZERO);
            LOG.infof("campaign %s: emission stopped after position %d (%s)", campaign.id(), cursor, state.get());
            return false;
        }
        return true;
    }
}
