package org.compliantsms.dispatch.carrier;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.events.Encoding;
import org.compliantsms.events.MessageApproved;
import org.compliantsms.events.text.SmppDataCoding;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.session.SMPPSession;

/**
 * Submits many messages at once: up to {@code sessions × window} submit_sm are outstanding, each answered by its
 * submit_sm_resp matched on the sequence number (jSMPP blocks one thread per outstanding submit, so the window is a
 * pool of that many threads). Results come back in input order.
 */
@ApplicationScoped
public class SubmitWindow {
    /** short_message holds at most 254 octets; longer texts go in the message_payload TLV. */
    private static final int SHORT_MESSAGE_MAX = 254;
    /** Answers after which the same submit may succeed later. */
    private static final Set<Integer> TRANSIENT_STATUSES = Set.of(SMPPConstant.STAT_ESME_RTHROTTLED,
            SMPPConstant.STAT_ESME_RMSGQFUL, SMPPConstant.STAT_ESME_RSYSERR);

    private final SmppSessions sessions;
    private final RateLimiter rate;
    private final ExecutorService window;
    private final int capacity;

    public SubmitWindow(SmppSessions sessions, CarrierConfig config) {
        this.sessions = sessions;
        this.rate = new RateLimiter(config.carrier().maxRate());
        int threads = Math.max(1, config.smpp().sessions()) * Math.max(1, config.smpp().window());
        this.capacity = threads;
        AtomicInteger count = new AtomicInteger();
        this.window = Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, "smpp-submit-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @PreDestroy
    void close() {
        window.shutdownNow();
    }

    /** How many submit_sm may be outstanding at once. */
    public int capacity() {
        return capacity;
    }

    public String carrierName() {
        return sessions.carrierName();
    }

    public List<SubmitResult> submitAll(List<MessageApproved> messages) {
        List<CompletableFuture<SubmitResult>> pending = new ArrayList<>(messages.size());
        for (MessageApproved message : messages) {
            pending.add(CompletableFuture.supplyAsync(() -> submit(message), window));
        }
        List<SubmitResult> results = new ArrayList<>(messages.size());
        for (CompletableFuture<SubmitResult> result : pending) {
            results.add(result.join());
        }
        return results;
    }

    SubmitResult submit(MessageApproved message) {
        Optional<SMPPSession> session = sessions.pick();
        if (session.isEmpty()) {
            return new SubmitResult.NotSent("no SMPP session bound to " + carrierName());
        }
        rate.acquire();
        int dataCoding = message.encoding() == Encoding.GSM7 ? SmppDataCoding.dataCodingFor(message.body())
                : SmppDataCoding.UCS2;
        byte[] bytes = SmppDataCoding.encode(message.body(), dataCoding);
        boolean payload = bytes.length > SHORT_MESSAGE_MAX;
        OptionalParameter[] tlvs = payload
                ? new OptionalParameter[] {
                        new OptionalParameter.OctetString(OptionalParameter.Tag.MESSAGE_PAYLOAD.code(), bytes) }
                : new OptionalParameter[0];
        String sender = message.request().senderId();
        try {
            String id = session.get().submitShortMessage("", sourceTon(sender), NumberingPlanIndicator.UNKNOWN,
                    sender.startsWith("+") ? sender.substring(1) : sender,
                    TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, message.recipient().substring(1),
                    new ESMClass(), (byte) 0, (byte) 1, null, null,
                    new RegisteredDelivery(SMSCDeliveryReceipt.SUCCESS_FAILURE), (byte) 0,
                    new GeneralDataCoding(dataCoding == SmppDataCoding.GSM7 ? Alphabet.ALPHA_DEFAULT
                            : Alphabet.ALPHA_UCS2),
                    (byte) 0, payload ? new byte[0] : bytes, tlvs).getMessageId();
            return new SubmitResult.Accepted(id);
        } catch (NegativeResponseException e) {
            int status = e.getCommandStatus();
            return new SubmitResult.Refused(status, TRANSIENT_STATUSES.contains(status),
                    "carrier refused: status 0x" + Integer.toHexString(status));
        } catch (ResponseTimeoutException | InvalidResponseException e) {
            return new SubmitResult.Unknown("no valid answer from " + carrierName() + ": " + e.getMessage());
        } catch (PDUException e) {
            return new SubmitResult.Refused(SMPPConstant.STAT_ESME_RSYSERR, false, "cannot build submit_sm: " + e);
        } catch (IOException e) {
            // jSMPP throws it when the session is not transmittable or the PDU could not be written.
            return new SubmitResult.NotSent("submit_sm not written: " + e.getMessage());
        }
    }

    private static TypeOfNumber sourceTon(String sender) {
        if (sender.startsWith("+")) {
            return TypeOfNumber.INTERNATIONAL;
        }
        return sender.chars().allMatch(Character::isDigit) ? TypeOfNumber.NATIONAL : TypeOfNumber.ALPHANUMERIC;
    }
}
