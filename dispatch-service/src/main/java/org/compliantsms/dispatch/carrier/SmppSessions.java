package org.compliantsms.dispatch.carrier;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.compliantsms.dispatch.receipts.ReceiptListener;
import org.compliantsms.dispatch.replies.MobileOriginatedListener;
import org.jboss.logging.Logger;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.session.BindParameter;

/**
 * The transceiver sessions to one SMPP carrier ({@code sessions} of them), each bound at startup and bound again
 * whenever it drops. Submits are spread over the bound ones; replies and receipts arrive on any of them, and are
 * attributed to this carrier.
 */
public class SmppSessions {
    private static final Logger LOG = Logger.getLogger(SmppSessions.class);

    private final CarrierSettings carrier;
    private final CarrierConfig.Smpp smpp;
    private final MobileOriginatedListener replies;
    private final ReceiptListener receipts;
    private final ScheduledExecutorService binder;
    private final List<Slot> slots = new ArrayList<>();
    private final AtomicInteger next = new AtomicInteger();
    private volatile boolean running;

    SmppSessions(CarrierSettings carrier, MobileOriginatedListener replies, ReceiptListener receipts) {
        this.carrier = carrier;
        this.smpp = carrier.smpp();
        this.replies = replies;
        this.receipts = receipts;
        this.binder = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "smpp-bind-" + carrier.name());
            thread.setDaemon(true);
            return thread;
        });
    }

    void start() {
        running = true;
        for (int i = 0; i < Math.max(1, smpp.sessions()); i++) {
            Slot slot = new Slot(i);
            slots.add(slot);
            binder.execute(slot::bind);
        }
    }

    void stop() {
        running = false;
        binder.shutdownNow();
        slots.forEach(Slot::close);
    }

    public String carrierName() {
        return carrier.name();
    }

    public int bound() {
        return (int) slots.stream().filter(Slot::bound).count();
    }

    public int configured() {
        return slots.size();
    }

    /** A bound session, round robin; empty while none is. */
    Optional<WindowedSmppSession> pick() {
        int size = slots.size();
        for (int i = 0; i < size; i++) {
            Slot slot = slots.get(Math.floorMod(next.getAndIncrement(), size));
            WindowedSmppSession session = slot.session;
            if (session != null && session.getSessionState().isTransmittable()) {
                return Optional.of(session);
            }
        }
        return Optional.empty();
    }

    private final class Slot {
        private final int number;
        private volatile WindowedSmppSession session;

        Slot(int number) {
            this.number = number;
        }

        boolean bound() {
            WindowedSmppSession current = session;
            return current != null && current.getSessionState().isBound();
        }

        void bind() {
            if (!running) {
                return;
            }
            WindowedSmppSession candidate = new WindowedSmppSession();
            candidate.setTransactionTimer(smpp.responseTimeout().toMillis());
            candidate.setEnquireLinkTimer(30_000);
            candidate.setQueueCapacity(Math.max(1, smpp.queueCapacity()));
            candidate.setMessageReceiverListener(new SessionListener(carrier, candidate, replies, receipts));
            try {
                candidate.connectAndBind(smpp.host(), smpp.port(), new BindParameter(BindType.BIND_TRX,
                        smpp.systemId(), smpp.password(), smpp.systemType().orElse(""), TypeOfNumber.UNKNOWN,
                        NumberingPlanIndicator.UNKNOWN, null));
                candidate.addSessionStateListener((newState, oldState, source) -> {
                    if (!newState.isBound() && session == candidate) {
                        LOG.warnf("SMPP session %d to %s dropped (%s); binding again", number, carrierName(), newState);
                        session = null;
                        scheduleBind();
                    }
                });
                session = candidate;
                LOG.infof("SMPP transceiver %d bound to %s at %s:%d", number, carrierName(), smpp.host(), smpp.port());
            } catch (IOException e) {
                LOG.warnf("SMPP bind %d to %s at %s:%d failed: %s; retrying in %s", number, carrierName(), smpp.host(),
                        smpp.port(), e.getMessage(), smpp.reconnectDelay());
                candidate.close();
                scheduleBind();
            }
        }

        void close() {
            WindowedSmppSession current = session;
            session = null;
            if (current != null) {
                current.unbindAndClose();
            }
        }

        private void scheduleBind() {
            if (running) {
                binder.schedule(this::bind, smpp.reconnectDelay().toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }
}
