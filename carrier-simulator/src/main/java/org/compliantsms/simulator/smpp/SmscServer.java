package org.compliantsms.simulator.smpp;

import java.io.IOException;
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
import org.jsmpp.session.SMPPServerSessionListener;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/** The SMSC side: accepts binds with the configured credentials and keeps the bound sessions. */
@ApplicationScoped
public class SmscServer {
    private static final Logger LOG = Logger.getLogger(SmscServer.class);

    private final SimulatorConfig config;
    private final SubmissionHandler submissions;
    private final List<SMPPServerSession> sessions = new CopyOnWriteArrayList<>();
    private final ExecutorService binds = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "smpp-bind");
        thread.setDaemon(true);
        return thread;
    });
    private volatile SMPPServerSessionListener listener;

    public SmscServer(SimulatorConfig config, SubmissionHandler submissions) {
        this.config = config;
        this.submissions = submissions;
    }

    void start(@Observes StartupEvent event) throws IOException {
        listener = new SMPPServerSessionListener(config.smpp().port());
        listener.setMessageReceiverListener(submissions);
        Thread acceptor = new Thread(this::acceptLoop, "smpp-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        LOG.infof("SMPP server listening on port %d (system id %s)", config.smpp().port(), config.smpp().systemId());
    }

    void stop(@Observes ShutdownEvent event) throws IOException {
        SMPPServerSessionListener current = listener;
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
        return sessions.stream().filter(s -> s.getSessionState().isBound()).toList();
    }

    /** Delivers a mobile-originated message (deliver_sm) to a session bound as receiver or transceiver. */
    public Optional<String> deliverMobileOriginated(String from, String to, String text)
            throws PDUException, ResponseTimeoutException, InvalidResponseException, NegativeResponseException,
            IOException {
        Optional<SMPPServerSession> receiver = sessions.stream()
                .filter(s -> s.getSessionState().isReceivable()).findFirst();
        if (receiver.isEmpty()) {
            return Optional.empty();
        }
        int dataCoding = SmppDataCoding.dataCodingFor(text);
        receiver.get().deliverShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN,
                from.startsWith("+") ? from.substring(1) : from, TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN,
                to, new ESMClass(), (byte) 0, (byte) 0, new RegisteredDelivery(0),
                new GeneralDataCoding(dataCoding == SmppDataCoding.UCS2 ? Alphabet.ALPHA_UCS2 : Alphabet.ALPHA_DEFAULT),
                SmppDataCoding.encode(text, dataCoding));
        LOG.debugf("deliver_sm from %s to %s", PhoneNumbers.mask(from), to);
        return Optional.of(receiver.get().getSessionId());
    }

    private void acceptLoop() {
        while (listener != null) {
            try {
                SMPPServerSession session = listener.accept();
                binds.submit(() -> bind(session));
            } catch (IOException e) {
                if (listener != null) {
                    LOG.warnf("SMPP accept failed: %s", e.toString());
                }
            }
        }
    }

    private void bind(SMPPServerSession session) {
        try {
            BindRequest request = session.waitForBind(5_000);
            if (config.smpp().systemId().equals(request.getSystemId())
                    && config.smpp().password().equals(request.getPassword())) {
                session.addSessionStateListener((newState, oldState, source) -> {
                    if (!newState.isBound()) {
                        sessions.remove(session);
                    }
                });
                request.accept("simulator", InterfaceVersion.IF_34);
                sessions.add(session);
                LOG.infof("SMPP %s bound (%s)", request.getBindType(), session.getSessionId());
            } else {
                LOG.warnf("SMPP bind refused for system id %s", request.getSystemId());
                request.reject(SMPPConstant.STAT_ESME_RINVPASWD);
            }
        } catch (TimeoutException e) {
            LOG.warn("SMPP client connected but did not bind in time");
            session.close();
        } catch (IOException | PDUStringException | RuntimeException e) {
            LOG.warnf("SMPP bind failed: %s", e.toString());
            session.close();
        }
    }
}
