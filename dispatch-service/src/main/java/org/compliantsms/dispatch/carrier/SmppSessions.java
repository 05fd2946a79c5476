package org.compliantsms.dispatch.carrier;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.compliantsms.dispatch.receipts.ReceiptListener;
import org.compliantsms.dispatch.replies.MobileOriginatedListener;
import org.jboss.logging.Logger;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.session.BindParameter;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The transceiver sessions to the carrier ({@code dispatch.smpp.sessions} of them), each bound at startup and bound
 * again whenever it drops. Submits are spread over the bound ones; replies and receipts arrive on any of them.
 */
@ApplicationScoped
public class SmppSessions {
    private static final Logger LOG = Logger.getLogger(SmppSessions.class);

    private final CarrierConfig config;
    private final MobileOriginatedListener replies;
    private final ReceiptListener receipts;
    private final ScheduledExecutorService binder = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "smpp-bind");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Slot> slots = new ArrayList<>();
    private final AtomicInteger next = new AtomicInteger();
    private volatile boolean running;

    public SmppSessions(CarrierConfig config, MobileOriginatedListener replies, ReceiptListener receipts) {
        this.config = config;
        this.replies = replies;
        this.receipts = receipts;
    }

    void start(@Observes StartupEvent event) {
        running = true;
        for (int i = 0; i < Math.max(1, config.smpp().sessions()); i++) {
            Slot slot = new Slot(i);
            slots.add(slot);
            binder.execute(slot::bind);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        binder.shutdownNow();
        slots.forEach(Slot::close);
    }

    public String carrierName() {
        return config.carrier().name();
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
            CarrierConfig.Smpp smpp = config.smpp();
            WindowedSmppSession candidate = new WindowedSmppSession();
            candidate.setTransactionTimer(smpp.responseTimeout().toMillis());
            candidate.setEnquireLinkTimer(30_000);
            candidate.setQueueCapacity(Math.max(1, smpp.queueCapacity()));
            candidate.setMessageReceiverListener(new SessionListener(candidate, replies, receipts));
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
                binder.schedule(this::bind, config.smpp().reconnectDelay().toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }
}
