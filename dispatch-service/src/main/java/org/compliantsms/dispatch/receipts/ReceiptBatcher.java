package org.compliantsms.dispatch.receipts;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.compliantsms.dispatch.receipts.ReceiptResolver.Resolution;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;

/**
 * Gathers the receipts arriving on every session for up to {@code dispatch.receipts.batch-linger} (or
 * {@code max-batch} of them) and resolves them together on one thread, so a batch costs two Redis round trips and
 * one produce whatever its size; under load batches grow instead of queueing round trips. Each receipt's future
 * completes once it is safely handled (published and acknowledged, or kept for review), or fails when it is not:
 * only then is its deliver_sm answered.
 */
@ApplicationScoped
public class ReceiptBatcher {
    private static final Logger LOG = Logger.getLogger(ReceiptBatcher.class);

    private final ReceiptResolver resolver;
    private final long lingerNanos;
    private final int maxBatch;
    private final long recheckMillis;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final ScheduledExecutorService rechecks = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "receipt-recheck");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Thread worker;

    public ReceiptBatcher(ReceiptResolver resolver, ReceiptConfig config) {
        this.resolver = resolver;
        this.lingerNanos = config.batchLinger().toNanos();
        this.maxBatch = Math.max(1, config.maxBatch());
        this.recheckMillis = config.unmatchedRecheck().toMillis();
    }

    /** On creation, not on StartupEvent: a session bound at startup may hand over a receipt before that event. */
    @PostConstruct
    void start() {
        Thread thread = new Thread(this::run, "receipt-batcher");
        thread.setDaemon(true);
        worker = thread;
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        Thread thread = worker;
        worker = null;
        if (thread != null) {
            thread.interrupt();
        }
        rechecks.shutdownNow();
        // Not answered: the carrier sends them again.
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(p -> p.done.completeExceptionally(new IllegalStateException("dispatch is stopping")));
    }

    /** Completes once the receipt is handled; fails when it could not be (the carrier is to send it again). */
    public CompletableFuture<Void> submit(IncomingReceipt receipt) {
        Pending pending = new Pending(receipt, new CompletableFuture<>());
        if (worker == null) {
            pending.done.completeExceptionally(new IllegalStateException("dispatch is not taking receipts"));
        } else {
            queue.add(pending);
        }
        return pending.done;
    }

    private void run() {
        List<Pending> batch = new ArrayList<>();
        while (worker != null) {
            try {
                batch.add(queue.take());
                long deadline = System.nanoTime() + lingerNanos;
                while (batch.size() < maxBatch) {
                    queue.drainTo(batch, maxBatch - batch.size());
                    long left = deadline - System.nanoTime();
                    if (batch.size() >= maxBatch || left <= 0) {
                        break;
                    }
                    Pending next = queue.poll(left, TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                }
                resolve(batch);
            } catch (InterruptedException e) {
                batch.forEach(p -> p.done.completeExceptionally(e));
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void resolve(List<Pending> batch) {
        List<Resolution> resolutions;
        try {
            resolutions = resolver.resolve(batch.stream().map(Pending::receipt).toList());
        } catch (RuntimeException e) {
            LOG.warnf("%d receipts not handled, the carrier will send them again: %s", batch.size(), e.toString());
            batch.forEach(p -> p.done.completeExceptionally(e));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            Pending pending = batch.get(i);
            if (resolutions.get(i) == Resolution.RECHECK) {
                rechecks.schedule(() -> queue.add(new Pending(pending.receipt.again(), pending.done)), recheckMillis,
                        TimeUnit.MILLISECONDS);
            } else if (resolutions.get(i) == Resolution.RETRY) {
                pending.done.completeExceptionally(new IllegalStateException("matches no message yet"));
            } else {
                pending.done.complete(null);
            }
        }
    }

    private record Pending(IncomingReceipt receipt, CompletableFuture<Void> done) {
    }
}
