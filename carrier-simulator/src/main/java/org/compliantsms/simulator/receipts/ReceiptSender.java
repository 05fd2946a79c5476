package org.compliantsms.simulator.receipts;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import org.compliantsms.events.PhoneNumbers;
import org.jboss.logging.Logger;
import org.jsmpp.PDUStringException;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.TypeOfNumber;

/**
 * Sends receipts as deliver_sm, after the configured delay, on the session their submit came on (or another bound
 * one of the simulator's system id when it is gone), without waiting for their answers. Like a real SMSC, a receipt
 * is kept until it is acknowledged: while no session is bound it waits for the next bind (checked every
 * {@code retry-delay}, without counting attempts); one answered with an error, not answered in time, or left
 * unanswered on a session that closed is sent again later, up to {@code simulator.receipts.max-attempts} times.
 */
@Singleton
public class ReceiptSender {
    private static final Logger LOG = Logger.getLogger(ReceiptSender.class);

    private final ReceiptsConfig config;
    private final ReceiptSessions sessions;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "smpp-receipts");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong scheduled = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong unanswered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong waiting = new AtomicLong();
    /** Receipts scheduled under an older generation were forgotten ({@link #forgetPending}). */
    private final AtomicLong generation = new AtomicLong();

    public ReceiptSender(ReceiptsConfig config, ReceiptSessions sessions) {
        this.config = config;
        this.sessions = sessions;
    }

    public void schedule(PlannedReceipt receipt, long delayMs) {
        scheduled.incrementAndGet();
        long kept = generation.get();
        scheduler.schedule(() -> send(receipt, 1, kept), delayMs, TimeUnit.MILLISECONDS);
    }

    /**
     * Forgets every receipt not acknowledged yet (waiting for its delay, for a session, or to be sent again): for
     * tests, so that one test's unanswered receipts do not reach the next one's client.
     */
    public void forgetPending() {
        generation.incrementAndGet();
    }

    /** Sends it now (the admin API's injected receipts); empty when no session is bound to receive it. */
    public Optional<String> sendNow(PlannedReceipt receipt) {
        Optional<ReceiptSession> session = sessions.receiver(receipt.sessionId());
        if (session.isEmpty()) {
            return Optional.empty();
        }
        scheduled.incrementAndGet();
        long kept = generation.get();
        scheduler.execute(() -> send(receipt, 1, kept));
        return Optional.of(session.get().getSessionId());
    }

    public Counts counts() {
        return new Counts(scheduled.get(), sent.get(), acknowledged.get(), refused.get(), unanswered.get(),
                dropped.get(), waiting.get());
    }

    public void resetCounts() {
        for (AtomicLong count : List.of(scheduled, sent, acknowledged, refused, unanswered, dropped, waiting)) {
            count.set(0);
        }
    }

    private void send(PlannedReceipt receipt, int attempt, long kept) {
        if (kept != generation.get()) {
            return;
        }
        Optional<ReceiptSession> session = sessions.receiver(receipt.sessionId());
        if (session.isEmpty()) {
            // Queued until the client binds again, however long: not an attempt, as an SMSC keeps it for the ESME.
            waiting.incrementAndGet();
            later(receipt, attempt, kept);
            return;
        }
        ReceiptSession target = session.get();
        Instant now = Instant.now();
        try {
            int sequence = target.deliverWithoutWaiting(receipt.handset().replaceFirst("^\\+", ""),
                    receipt.sender() == null ? "" : receipt.sender().replaceFirst("^\\+", ""), destTon(receipt),
                    new GeneralDataCoding(), ReceiptPdu.shortMessage(receipt, now), ReceiptPdu.tlvs(receipt),
                    status -> answered(receipt, attempt, kept, status));
            sent.incrementAndGet();
            scheduler.schedule(() -> target.forget(sequence), config.responseTimeout().toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (PDUStringException | IOException | RuntimeException e) {
            again(receipt, attempt, kept, "deliver_sm not written: " + e);
        }
    }

    private void answered(PlannedReceipt receipt, int attempt, long kept, int status) {
        if (status == 0) {
            acknowledged.incrementAndGet();
            return;
        }
        (status == ReceiptSession.NO_ANSWER ? unanswered : refused).incrementAndGet();
        again(receipt, attempt, kept, status == ReceiptSession.NO_ANSWER ? "no deliver_sm_resp"
                : "deliver_sm_resp status 0x" + Integer.toHexString(status));
    }

    private void again(PlannedReceipt receipt, int attempt, long kept, String why) {
        if (attempt >= config.maxAttempts()) {
            dropped.incrementAndGet();
            LOG.warnf("receipt %s for %s given up after %d attempts: %s", receipt.id(),
                    PhoneNumbers.mask(receipt.handset()), attempt, why);
            return;
        }
        LOG.debugf("receipt %s: %s; again in %s", receipt.id(), why, config.retryDelay());
        later(receipt, attempt + 1, kept);
    }

    private void later(PlannedReceipt receipt, int attempt, long kept) {
        try {
            // Up to a fifth sooner at random: receipts refused together (a burst the client throttled) do not all
            // come back together again.
            long delay = config.retryDelay().toMillis();
            delay -= (long) (delay * 0.2 * ThreadLocalRandom.current().nextDouble());
            scheduler.schedule(() -> send(receipt, attempt, kept), delay, TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            // only when the simulator stops
            dropped.incrementAndGet();
        }
    }

    private static TypeOfNumber destTon(PlannedReceipt receipt) {
        String to = receipt.sender();
        if (to == null || to.isEmpty()) {
            return TypeOfNumber.UNKNOWN;
        }
        return to.chars().allMatch(Character::isDigit) || to.startsWith("+") ? TypeOfNumber.INTERNATIONAL
                : TypeOfNumber.ALPHANUMERIC;
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }

    /**
     * @param scheduled receipts planned (and injected)
     * @param sent deliver_sm written, retries included
     * @param acknowledged answered with success
     * @param refused answered with an error (sent again later)
     * @param unanswered not answered in time (sent again later)
     * @param dropped given up after the last attempt
     * @param waitedForSession times a receipt found no session bound and was kept for the next one (not attempts)
     */
    public record Counts(long scheduled, long sent, long acknowledged, long refused, long unanswered, long dropped,
            long waitedForSession) {
    }

    /** The bound sessions a receipt may go to; kept by the SMPP server. */
    public interface ReceiptSessions {
        /** The session with this id when it can receive, else another one that can; empty when none. */
        Optional<ReceiptSession> receiver(String preferredSessionId);
    }
}
