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

import org.compliantsms.dispatch.carrier.rate.CarrierRateLimits;
import org.compliantsms.dispatch.carrier.rate.Permits;
import org.compliantsms.dispatch.carrier.segmentation.PartResults;
import org.compliantsms.dispatch.carrier.segmentation.SegmentedMessage;
import org.compliantsms.dispatch.carrier.segmentation.Segmenter;
import org.compliantsms.dispatch.carrier.segmentation.SubmitPart;
import org.compliantsms.events.MessageApproved;
import org.compliantsms.events.text.SmppDataCoding;
import org.compliantsms.suppression.RedisUnavailableException;
import org.jsmpp.PDUException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.Command;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.SubmitSmResp;
import org.jsmpp.bean.TypeOfNumber;

/**
 * One SMPP carrier: submits many messages at once over its bound sessions: every submit_sm is written without
 * waiting for the previous one's answer, each submit_sm_resp is matched on its sequence number, and the caller gets
 * the results in input order once all answered (or timed out). At most {@link #capacity()} (sessions × window) are
 * outstanding at once, whatever the number of consumer threads. A long message goes as several submit_sm in the
 * carrier's segmentation ({@code smpp.segmentation}) and has one result. Every submit_sm waits for its permit of
 * the carrier's rate limit ({@code max-rate}), shared by all replicas ({@link CarrierRateLimits}).
 */
public class SubmitWindow implements Carrier {

    private final SmppSessions sessions;
    private final CarrierRateLimits.Limit rate;
    private final CarrierErrors errors;
    private final Duration responseTimeout;
    private final int capacity;
    /** Outstanding submits across every consumer thread: the window promised to the carrier. */
    private final Semaphore outstanding;
    private final Segmenter segmenter;
    private final CarrierMetrics.Submits metrics;

    SubmitWindow(CarrierSettings carrier, SmppSessions sessions, CarrierRateLimits.Limit rate,
            CarrierMetrics metrics) {
        this.sessions = sessions;
        this.metrics = metrics.forCarrier(carrier.name());
        metrics.sessionsBound(carrier.name(), sessions, SmppSessions::bound);
        this.rate = rate;
        this.errors = carrier.errors();
        this.responseTimeout = carrier.smpp().responseTimeout();
        this.capacity = Math.max(1, carrier.smpp().sessions()) * Math.max(1, carrier.smpp().window());
        this.outstanding = new Semaphore(capacity);
        this.segmenter = new Segmenter(carrier.smpp().segmentation());
    }

    /** How many submit_sm may be outstanding at once. */
    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public String name() {
        return sessions.carrierName();
    }

    public String carrierName() {
        return sessions.carrierName();
    }

    public SmppSessions sessions() {
        return sessions;
    }

    @Override
    public boolean available() {
        return sessions.bound() > 0;
    }

    @Override
    public void start() {
        sessions.start();
    }

    @Override
    public void stop() {
        sessions.stop();
    }

    @Override
    public String state() {
        return sessions.bound() + "/" + sessions.configured() + " sessions bound";
    }

    /** One message alone (a failover): its permits in a round trip of their own. */
    @Override
    public CompletableFuture<SubmitResult> submit(MessageApproved message) {
        return submitEach(List.of(message)).get(0);
    }

    /**
     * Writes every submit_sm without waiting for answers (blocking only while the window is full or for a rate
     * permit); each future completes with the carrier's answer or, after the response timeout, as
     * {@link SubmitResult.Unknown}. Without a permit (Redis unavailable) the rest are {@link SubmitResult.NotSent}.
     */
    @Override
    public List<CompletableFuture<SubmitResult>> submitEach(List<MessageApproved> messages) {
        List<Segmented> segmented = new ArrayList<>(messages.size());
        int parts = 0;
        for (MessageApproved message : messages) {
            Segmented one = Segmented.of(segmenter, message);
            segmented.add(one);
            parts += one.parts();
        }
        // The window's permits in one round trip where the rate allows; every part of a message has its permit
        // before the first is written.
        Permits permits = rate.permits();
        List<CompletableFuture<SubmitResult>> pending = new ArrayList<>(messages.size());
        String noPermit = null;
        for (Segmented one : segmented) {
            if (noPermit == null && one.message() != null) {
                try {
                    permits.take(one.parts(), parts);
                } catch (RedisUnavailableException e) {
                    // Fail closed: without the shared bucket nothing is sent; the batch waits and tries again.
                    noPermit = "no rate permit for " + carrierName() + ": " + e.getMessage();
                }
            }
            parts -= one.parts();
            if (noPermit != null) {
                pending.add(done(new SubmitResult.NotSent(noPermit)));
                continue;
            }
            long start = System.nanoTime();
            CompletableFuture<SubmitResult> result = submit(one, permits);
            result.thenAccept(done -> metrics.submitted(done, start));
            pending.add(result);
        }
        return pending;
    }

    /** A message cut into its submit_sm, or why it cannot be. */
    private record Segmented(MessageApproved message, SegmentedMessage segmented, String problem) {
        static Segmented of(Segmenter segmenter, MessageApproved message) {
            try {
                return new Segmented(message, segmenter.segment(message), null);
            } catch (IllegalArgumentException e) {
                return new Segmented(null, null, e.getMessage());
            }
        }

        int parts() {
            return segmented == null ? 0 : segmented.parts().size();
        }
    }

    /** The results in input order, once all answered or timed out. */
    public static List<SubmitResult> await(List<CompletableFuture<SubmitResult>> pending) {
        List<SubmitResult> results = new ArrayList<>(pending.size());
        for (CompletableFuture<SubmitResult> result : pending) {
            results.add(result.join());
        }
        return results;
    }

    /**
     * A message's parts go out one after the other on one session, each taking its own place in the window and
     * its own rate token; the message's result combines theirs ({@link PartResults}). After a part that certainly
     * did not leave, the rest are not written.
     */
    private CompletableFuture<SubmitResult> submit(Segmented one, Permits permits) {
        if (one.problem() != null) {
            return done(new SubmitResult.Refused(CarrierError.local(one.problem())));
        }
        MessageApproved message = one.message();
        SegmentedMessage segmented = one.segmented();
        Optional<WindowedSmppSession> session = sessions.pick();
        if (session.isEmpty()) {
            return done(new SubmitResult.NotSent("no SMPP session bound to " + carrierName()));
        }
        List<SubmitPart> parts = segmented.parts();
        if (parts.size() == 1) {
            return submitPart(session.get(), message, segmented.dataCoding(), parts.get(0), permits);
        }
        List<CompletableFuture<SubmitResult>> results = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            CompletableFuture<SubmitResult> result = submitPart(session.get(), message, segmented.dataCoding(),
                    parts.get(i), permits);
            results.add(result);
            SubmitResult now = result.getNow(null);
            if (now instanceof SubmitResult.NotSent || now instanceof SubmitResult.Refused) {
                for (int rest = i + 1; rest < parts.size(); rest++) {
                    results.add(done(new SubmitResult.NotSent("not written after part " + (i + 1) + " failed")));
                }
                break;
            }
        }
        return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
                .thenApply(all -> PartResults.combine(results.stream().map(CompletableFuture::join).toList()));
    }

    private CompletableFuture<SubmitResult> submitPart(WindowedSmppSession session, MessageApproved message,
            int dataCoding, SubmitPart part, Permits permits) {
        permits.awaitNext();
        outstanding.acquireUninterruptibly();
        CompletableFuture<SubmitResult> result = write(session, message, dataCoding, part);
        result.whenComplete((done, failure) -> outstanding.release());
        return result;
    }

    private CompletableFuture<SubmitResult> write(WindowedSmppSession session, MessageApproved message,
            int dataCoding, SubmitPart part) {
        String sender = message.request().senderId();
        try {
            return session.submitAsync(responseTimeout, sender.startsWith("+") ? sender.substring(1) : sender,
                    sourceTon(sender), message.recipient().substring(1), new ESMClass(part.esmClass()),
                    new GeneralDataCoding(dataCoding == SmppDataCoding.GSM7 ? Alphabet.ALPHA_DEFAULT
                            : Alphabet.ALPHA_UCS2),
                    part.shortMessage(), part.tlvs())
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
