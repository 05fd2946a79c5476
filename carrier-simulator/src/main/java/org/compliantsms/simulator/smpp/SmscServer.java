package org.compliantsms.simulator.smpp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.compliantsms.events.PhoneNumbers;
import org.compliantsms.events.text.SmppDataCoding;
import org.compliantsms.simulator.SimulatorConfig;
import org.compliantsms.simulator.receipts.ReceiptSender;
import org.compliantsms.simulator.receipts.ReceiptSession;
import org.jboss.logging.Logger;
import org.jsmpp.PDUException;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.InterfaceVersion;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.SMPPServerSession;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The SMSC side: accepts binds with the configured credentials and keeps the bound sessions. Sessions are built
 * here rather than by jSMPP's SMPPServerSessionListener because they need our PDU writer
 * ({@link DelayingPduSender}), socket stream ({@link CoalescingOutputStream}) and session ({@link ReceiptSession},
 * which sends receipts without waiting); the processor degree and queue
 * capacity are the listener's settings, passed the same way.
 */
@ApplicationScoped
public class SmscServer implements ReceiptSender.ReceiptSessions {
    private static final Logger LOG = Logger.getLogger(SmscServer.class);
    /** How long a connected client has to bind, as jSMPP's listener allows. */
    private static final int BIND_TIMEOUT_MS = 5_000;

    private final SimulatorConfig config;
    private final SubmissionHandler submissions;
    private final DelayedResponses delayed;
    private final SessionStats stats;
    private final List<ReceiptSession> sessions = new CopyOnWriteArrayList<>();
    private final ExecutorService binds = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "smpp-bind");
        thread.setDaemon(true);
        return thread;
    });
    private volatile ServerSocket listener;

    public SmscServer(SimulatorConfig config, SubmissionHandler submissions, DelayedResponses delayed,
            SessionStats stats) {
        this.config = config;
        this.submissions = submissions;
        this.delayed = delayed;
        this.stats = stats;
    }

    void start(@Observes StartupEvent event) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(config.smpp().port()), 128);
        listener = socket;
        Thread acceptor = new Thread(this::acceptLoop, "smpp-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        LOG.infof("SMPP server listening on port %d (system id %s, %d processor threads per session)",
                config.smpp().port(), config.smpp().systemId(), config.smpp().pduProcessorDegree());
    }

    void stop(@Observes ShutdownEvent event) throws IOException {
        ServerSocket current = listener;
        listener = null;
        sessions.forEach(SMPPServerSession::unbindAndClose);
        if (current != null) {
            current.close();
        }
        binds.shutdownNow();
    }

    public boolean listening() {
        return listener != null;
    }

    public List<SMPPServerSession> boundSessions() {
        return sessions.stream().filter(s -> s.getSessionState().isBound()).map(SMPPServerSession.class::cast).toList();
    }

    @Override
    public Optional<ReceiptSession> receiver(String preferredSessionId) {
        ReceiptSession any = null;
        for (ReceiptSession session : sessions) {
            if (session.getSessionState().isReceivable()) {
                if (session.getSessionId().equals(preferredSessionId)) {
                    return Optional.of(session);
                }
                any = any == null ? session : any;
            }
        }
        return Optional.ofNullable(any);
    }

    /**
     * Delivers a mobile-originated message (deliver_sm) to a session bound as receiver or transceiver: from an
     * international number (TON 1, ISDN, without the plus) as most carriers send them.
     */
    public Optional<String> deliverMobileOriginated(String from, String to, String text)
            throws PDUException, ResponseTimeoutException, InvalidResponseException, NegativeResponseException,
            IOException {
        return deliverMobileOriginated(from.startsWith("+") ? from.substring(1) : from, TypeOfNumber.INTERNATIONAL,
                NumberingPlanIndicator.ISDN, to, text);
    }

    /** The same, with the source address exactly as given and its type of number and numbering plan. */
    public Optional<String> deliverMobileOriginated(String sourceAddr, TypeOfNumber ton, NumberingPlanIndicator npi,
            String to, String text) throws PDUException, ResponseTimeoutException, InvalidResponseException,
            NegativeResponseException, IOException {
        Optional<ReceiptSession> receiver = sessions.stream()
                .filter(s -> s.getSessionState().isReceivable()).findFirst();
        if (receiver.isEmpty()) {
            return Optional.empty();
        }
        int dataCoding = SmppDataCoding.dataCodingFor(text);
        receiver.get().deliverShortMessage("", ton, npi, sourceAddr, TypeOfNumber.UNKNOWN,
                NumberingPlanIndicator.UNKNOWN, to, new ESMClass(), (byte) 0, (byte) 0, new RegisteredDelivery(0),
                new GeneralDataCoding(dataCoding == SmppDataCoding.UCS2 ? Alphabet.ALPHA_UCS2 : Alphabet.ALPHA_DEFAULT),
                SmppDataCoding.encode(text, dataCoding));
        LOG.debugf("deliver_sm from %s (TON %s) to %s", PhoneNumbers.mask(sourceAddr), ton, to);
        return Optional.of(receiver.get().getSessionId());
    }

    private void acceptLoop() {
        while (listener != null) {
            try {
                Socket socket = listener.accept();
                binds.submit(() -> bind(socket));
            } catch (IOException e) {
                if (listener != null) {
                    LOG.warnf("SMPP accept failed: %s", e.toString());
                }
            }
        }
    }

    private ReceiptSession open(Socket socket) throws IOException {
        CoalescingConnection connection = new CoalescingConnection(socket);
        connection.setSoTimeout(BIND_TIMEOUT_MS);
        return new ReceiptSession(connection, submissions, config.smpp().pduProcessorDegree(),
                config.smpp().queueCapacity(), new DelayingPduSender(delayed), new LenientPduReader());
    }

    private void bind(Socket socket) {
        ReceiptSession session;
        try {
            session = open(socket);
        } catch (IOException | RuntimeException e) {
            LOG.warnf("SMPP connection not opened: %s", e.toString());
            closeQuietly(socket);
            return;
        }
        try {
            BindRequest request = session.waitForBind(BIND_TIMEOUT_MS);
            if (config.smpp().systemId().equals(request.getSystemId())
                    && config.smpp().password().equals(request.getPassword())) {
                String id = session.getSessionId();
                session.addSessionStateListener((newState, oldState, source) -> {
                    if (!newState.isBound()) {
                        sessions.remove(session);
                        stats.unbound(id);
                        session.abandonAwaiting();
                    }
                });
                // Counted from the first submit_sm, which may arrive as soon as the bind_resp is out.
                stats.bound(id);
                request.accept("simulator", InterfaceVersion.IF_34);
                sessions.add(session);
                LOG.infof("SMPP %s bound (%s)", request.getBindType(), id);
            } else {
                LOG.warnf("SMPP bind refused for system id %s", request.getSystemId());
                request.reject(SMPPConstant.STAT_ESME_RINVPASWD);
            }
        } catch (TimeoutException e) {
            LOG.warn("SMPP client connected but did not bind in time");
            session.close();
        } catch (IOException | PDUStringException | RuntimeException e) {
            LOG.warnf("SMPP bind failed: %s", e.toString());
            stats.unbound(session.getSessionId());
            session.close();
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debugf("closing a refused connection: %s", e.toString());
        }
    }
}
