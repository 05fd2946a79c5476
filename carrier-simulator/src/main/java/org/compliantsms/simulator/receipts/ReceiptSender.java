package org.compliantsms.simulator.receipts;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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
 * one when it is gone), without waiting for their answers. Like a real SMSC, a receipt answered with an error or
 * not answered in time is sent again later, up to {@code simulator.receipts.max-attempts} times.
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

    public ReceiptSender(ReceiptsConfig config, ReceiptSessions sessions) {
        this.config = config;
        this.sessions = sessions;
    }

    public void schedule(PlannedReceipt receipt, long delayMs) {
        scheduled.incrementAndGet();
        scheduler.schedule(() -> send(receipt, 1), delayMs, TimeUnit.MILLISECONDS);
    }

    /** Sends it now (the admin API's injected receipts); empty when no session is bound to receive it. */
    public Optional<String> sendNow(PlannedReceipt receipt) {
        Optional<ReceiptSession> session = sessions.receiver(receipt.sessionId());
        if (session.isEmpty()) {
            return Optional.empty();
        }
        scheduled.incrementAndGet();
        scheduler.execute(() -> send(receipt, 1));
        return Optional.of(session.get().getSessionId());
    }

    public Counts counts() {
        return new Counts(scheduled.get(), sent.get(), acknowledged.get(), refused.get(), unanswered.get(),
                dropped.get());
    }

    public void resetCounts() {
        for (AtomicLong count : List.of(scheduled, sent, acknowledged, refused, unanswered, dropped)) {
            count.set(0);
        }
    }

    private void send(PlannedReceipt receipt, int attempt) {
        Optional<ReceiptSession> session = sessions.receiver(receipt.sessionId());
        if (session.isEmpty()) {
            again(receipt, attempt, "no session bound to receive it");
            return;
        }
        ReceiptSession target = session.get();
        Instant now = Instant.now();
        try {
            int sequence = target.deliverWithoutWaiting(receipt.handset().replaceFirst("^\\+", ""),
                    receipt.sender() == null ? "" : receipt.sender().replaceFirst("^\\+", ""), destTon(receipt),
                    new GeneralDataCoding(), ReceiptPdu.shortMessage(receipt, now), ReceiptPdu.tlvs(receipt),
                    status -> answered(receipt, attempt, status));
            sent.incrementAndGet();
            scheduler.schedule(() -> target.forget(sequence), config.responseTimeout().toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (PDUStringException | IOException | RuntimeException e) {
            again(receipt, attempt, "deliver_sm not written: " + e);
        }
    }

    private void answered(PlannedReceipt receipt, int attempt, int status) {
        if (status == 0) {
            acknowledged.incrementAndGet();
            return;
        }
        (status == ReceiptSession.NO_ANSWER ? unanswered : refused).incrementAndGet();
        again(receipt, attempt, status == ReceiptSession.NO_ANSWER ? "no deliver_sm_resp"
                : "deliver_sm_resp status 0x" + Integer.toHexString(status));
    }

    private void again(PlannedReceipt receipt, int attempt, String why) {
        if (attempt >= config.maxAttempts()) {
            dropped.incrementAndGet();
            LOG.warnf("receipt %s for %s given up after %d attempts: %s", receipt.id(),
                    PhoneNumbers.mask(receipt.handset()), attempt, why);
            return;
        }
        LOG.debugf("receipt %s: %s; again in %s", receipt.id(), why, config.retryDelay());
        try {
            scheduler.schedule(() -> send(receipt, attempt + 1), config.retryDelay().toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
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
     */
    public record Counts(long scheduled, long sent, long acknowledged, long refused, long unanswered, long dropped) {
    }

    /** The bound sessions a receipt may go to; kept by the SMPP server. */
    public interface ReceiptSessions {
        /** The session with this id when it can receive, else another one that can; empty when none. */
        Optional<ReceiptSession> receiver(String preferredSessionId);
    }
}
