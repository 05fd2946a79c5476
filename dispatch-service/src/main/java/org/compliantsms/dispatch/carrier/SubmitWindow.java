package org.compliantsms.dispatch.carrier;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.events.Encoding;
import org.compliantsms.events.MessageApproved;
import org.compliantsms.events.text.SmppDataCoding;
import org.jsmpp.PDUException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.Command;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.SubmitSmResp;
import org.jsmpp.bean.TypeOfNumber;

/**
 * Submits many messages at once over the bound sessions: every submit_sm is written without waiting for the
 * previous one's answer, each submit_sm_resp is matched on its sequence number, and the caller gets the results in
 * input order once all answered (or timed out). At most {@link #capacity()} (sessions × window) are outstanding
 * at once, whatever the number of consumer threads.
 */
@ApplicationScoped
public class SubmitWindow {
    /** short_message holds at most 254 octets; longer texts go in the message_payload TLV. */
    private static final int SHORT_MESSAGE_MAX = 254;

    private final SmppSessions sessions;
    private final RateLimiter rate;
    private final CarrierErrors errors;
    private final Duration responseTimeout;
    private final int capacity;
    /** Outstanding submits across every consumer thread: the window promised to the carrier. */
    private final Semaphore outstanding;

    public SubmitWindow(SmppSessions sessions, CarrierConfig config) {
        this.sessions = sessions;
        this.rate = new RateLimiter(config.carrier().maxRate());
        this.errors = CarrierErrors.of(config.carrier().errors());
        this.responseTimeout = config.smpp().responseTimeout();
        this.capacity = Math.max(1, config.smpp().sessions()) * Math.max(1, config.smpp().window());
        this.outstanding = new Semaphore(capacity);
    }

    /** How many submit_sm may be outstanding at once. */
    public int capacity() {
        return capacity;
    }

    public String carrierName() {
        return sessions.carrierName();
    }

    /**
     * Writes every submit_sm without waiting for answers (blocking only while the window is full); each future
     * completes with the carrier's answer or, after the response timeout, as {@link SubmitResult.Unknown}.
     */
    public List<CompletableFuture<SubmitResult>> submitEach(List<MessageApproved> messages) {
        List<CompletableFuture<SubmitResult>> pending = new ArrayList<>(messages.size());
        for (MessageApproved message : messages) {
            pending.add(submit(message));
        }
        return pending;
    }

    /** The results in input order, once all answered or timed out. */
    public static List<SubmitResult> await(List<CompletableFuture<SubmitResult>> pending) {
        List<SubmitResult> results = new ArrayList<>(pending.size());
        for (CompletableFuture<SubmitResult> result : pending) {
            results.add(result.join());
        }
        return results;
    }

    private CompletableFuture<SubmitResult> submit(MessageApproved message) {
        Optional<WindowedSmppSession> session = sessions.pick();
        if (session.isEmpty()) {
            return done(new SubmitResult.NotSent("no SMPP session bound to " + carrierName()));
        }
        rate.acquire();
        outstanding.acquireUninterruptibly();
        CompletableFuture<SubmitResult> result = write(session.get(), message);
        result.whenComplete((done, failure) -> outstanding.release());
        return result;
    }

    private CompletableFuture<SubmitResult> write(WindowedSmppSession session, MessageApproved message) {
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
            return session.submitAsync(responseTimeout, sender.startsWith("+") ? sender.substring(1) : sender,
                    sourceTon(sender), message.recipient().substring(1),
                    new GeneralDataCoding(dataCoding == SmppDataCoding.GSM7 ? Alphabet.ALPHA_DEFAULT
                            : Alphabet.ALPHA_UCS2),
                    payload ? new byte[0] : bytes, tlvs)
                    .handle((answer, failure) -> failure == null ? result(answer) : unknown(failure));
        } catch (PDUException e) {
            return done(new SubmitResult.Refused(CarrierError.local("cannot build submit_sm: " + e.getMessage())));
        } catch (IOException e) {
            // The PDU could not be written (the session broke): it never reached the carrier.
            return done(new SubmitResult.NotSent("submit_sm not written: " + e.getMessage()));
        }
    }

    private SubmitResult result(Command answer) {
        int status = answer.getCommandStatus();
        if (status == SMPPConstant.STAT_ESME_ROK && answer instanceof SubmitSmResp resp) {
            return new SubmitResult.Accepted(resp.getMessageId());
        }
        return new SubmitResult.Refused(errors.smpp(status));
    }

    private SubmitResult unknown(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        return new SubmitResult.Unknown(cause instanceof TimeoutException
                ? "no submit_sm_resp from " + carrierName() + " within " + responseTimeout
                : "invalid answer from " + carrierName() + ": " + cause);
    }

    private static CompletableFuture<SubmitResult> done(SubmitResult result) {
        return CompletableFuture.completedFuture(result);
    }

    private static TypeOfNumber sourceTon(String sender) {
        if (sender.startsWith("+")) {
            return TypeOfNumber.INTERNATIONAL;
        }
        return sender.chars().allMatch(Character::isDigit) ? TypeOfNumber.NATIONAL : TypeOfNumber.ALPHANUMERIC;
    }
}
