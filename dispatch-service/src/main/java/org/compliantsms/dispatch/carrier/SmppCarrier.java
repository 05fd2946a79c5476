package org.compliantsms.dispatch.carrier;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.compliantsms.events.Encoding;
import org.compliantsms.events.MessageApproved;
import org.compliantsms.events.text.SmppDataCoding;
import org.compliantsms.dispatch.inbound.MobileOriginatedListener;
import org.jboss.logging.Logger;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.SMPPSession;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * One SMPP transceiver session to the carrier, bound at startup and re-bound whenever it drops. Submissions are
 * blocking (jSMPP) and must run on a worker thread. Replies and receipts arrive on the same session.
 */
@ApplicationScoped
public class SmppCarrier {
    private static final Logger LOG = Logger.getLogger(SmppCarrier.class);
    /** short_message holds at most 254 octets; longer texts go in the message_payload TLV. */
    private static final int SHORT_MESSAGE_MAX = 254;
    /** Carrier answers that will not change on retry. */
    private static final Set<Integer> PERMANENT_STATUSES = Set.of(SMPPConstant.STAT_ESME_RINVDSTADR,
            SMPPConstant.STAT_ESME_RINVSRCADR, SMPPConstant.STAT_ESME_RINVMSGLEN, SMPPConstant.STAT_ESME_RINVDCS,
            SMPPConstant.STAT_ESME_RINVESMCLASS, SMPPConstant.STAT_ESME_RINVDSTTON, SMPPConstant.STAT_ESME_RINVDSTNPI);

    private final CarrierConfig config;
    private final MobileOriginatedListener replies;
    private final ScheduledExecutorService binder = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "smpp-bind");
        thread.setDaemon(true);
        return thread;
    });
    private volatile SMPPSession session;
    private volatile boolean running;

    public SmppCarrier(CarrierConfig config, MobileOriginatedListener replies) {
        this.config = config;
        this.replies = replies;
    }

    void start(@Observes StartupEvent event) {
        running = true;
        binder.execute(this::bind);
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        binder.shutdownNow();
        SMPPSession current = session;
        session = null;
        if (current != null) {
            current.unbindAndClose();
        }
    }

    public String name() {
        return config.carrier().name();
    }

    public boolean bound() {
        SMPPSession current = session;
        return current != null && current.getSessionState().isBound();
    }

    /** Submits one message; returns the carrier's message id. Blocking. */
    public String submit(MessageApproved message) throws CarrierException {
        SMPPSession current = session;
        if (current == null || !current.getSessionState().isTransmittable()) {
            throw new CarrierException("no SMPP session bound to " + name(), false, null);
        }
        int dataCoding = message.encoding() == Encoding.GSM7 ? SmppDataCoding.dataCodingFor(message.body())
                : SmppDataCoding.UCS2;
        byte[] bytes = SmppDataCoding.encode(message.body(), dataCoding);
        byte[] shortMessage = bytes.length <= SHORT_MESSAGE_MAX ? bytes : new byte[0];
        OptionalParameter[] tlvs = bytes.length <= SHORT_MESSAGE_MAX ? new OptionalParameter[0]
                : new OptionalParameter[] {
                        new OptionalParameter.OctetString(OptionalParameter.Tag.MESSAGE_PAYLOAD.code(), bytes) };
        String sender = message.request().senderId();
        try {
            return current.submitShortMessage("", sourceTon(sender), NumberingPlanIndicator.UNKNOWN,
                    sender.startsWith("+") ? sender.substring(1) : sender,
                    TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, message.recipient().substring(1),
                    new ESMClass(), (byte) 0, (byte) 1, null, null,
                    new RegisteredDelivery(SMSCDeliveryReceipt.SUCCESS_FAILURE), (byte) 0,
                    new GeneralDataCoding(dataCoding == SmppDataCoding.GSM7 ? Alphabet.ALPHA_DEFAULT
                            : Alphabet.ALPHA_UCS2),
                    (byte) 0,
                    shortMessage, tlvs).getMessageId();
        } catch (NegativeResponseException e) {
            boolean permanent = PERMANENT_STATUSES.contains(e.getCommandStatus());
            throw new CarrierException("carrier refused: status 0x" + Integer.toHexString(e.getCommandStatus()),
                    permanent, e);
        } catch (ResponseTimeoutException | InvalidResponseException | PDUException | IOException e) {
            throw new CarrierException("submit failed: " + e, false, e);
        }
    }

    private static TypeOfNumber sourceTon(String sender) {
        if (sender.startsWith("+")) {
            return TypeOfNumber.INTERNATIONAL;
        }
        return sender.chars().allMatch(Character::isDigit) ? TypeOfNumber.NATIONAL : TypeOfNumber.ALPHANUMERIC;
    }

    private void bind() {
        if (!running) {
            return;
        }
        CarrierConfig.Smpp smpp = config.smpp();
        SMPPSession candidate = new SMPPSession();
        candidate.setTransactionTimer(smpp.responseTimeout().toMillis());
        candidate.setEnquireLinkTimer(30_000);
        candidate.setMessageReceiverListener(replies);
        try {
            candidate.connectAndBind(smpp.host(), smpp.port(), new BindParameter(BindType.BIND_TRX, smpp.systemId(),
                    smpp.password(), smpp.systemType().orElse(""), TypeOfNumber.UNKNOWN,
                    NumberingPlanIndicator.UNKNOWN, null));
            candidate.addSessionStateListener((newState, oldState, source) -> {
                if (!newState.isBound() && session == candidate) {
                    LOG.warnf("SMPP session to %s dropped (%s); binding again", name(), newState);
                    session = null;
                    scheduleBind();
                }
            });
            session = candidate;
            LOG.infof("SMPP transceiver bound to %s at %s:%d", name(), smpp.host(), smpp.port());
        } catch (IOException e) {
            LOG.warnf("SMPP bind to %s at %s:%d failed: %s; retrying in %s", name(), smpp.host(), smpp.port(),
                    e.getMessage(), smpp.reconnectDelay());
            candidate.close();
            scheduleBind();
        }
    }

    private void scheduleBind() {
        if (running) {
            binder.schedule(this::bind, config.smpp().reconnectDelay().toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
