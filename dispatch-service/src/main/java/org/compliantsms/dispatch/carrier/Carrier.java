package org.compliantsms.dispatch.carrier;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.compliantsms.events.MessageApproved;

/** One carrier dispatch submits to, over SMPP ({@link SubmitWindow}) or HTTP ({@link HttpCarrier}). */
public interface Carrier {
    String name();

    /**
     * Whether a submit may be tried now: an SMPP carrier with a session bound, an HTTP carrier not found
     * unreachable within its reconnect delay. A carrier that is not is passed over by the routing.
     */
    boolean available();

    /** Submits in flight to it at once, at most. */
    int capacity();

    /**
     * Submits one message without waiting for the answer (blocking only while the carrier's window is full); the
     * future completes with the carrier's answer, {@link SubmitResult.NotSent} when it certainly did not leave, or
     * {@link SubmitResult.Unknown} when it may have and no answer came in time.
     */
    CompletableFuture<SubmitResult> submit(MessageApproved message);

    /**
     * Submits several messages as {@link #submit} does, the results in input order: a carrier with a rate limit
     * takes their permits from the shared bucket together (one Redis round trip for many), not one at a time.
     */
    default List<CompletableFuture<SubmitResult>> submitEach(List<MessageApproved> messages) {
        List<CompletableFuture<SubmitResult>> pending = new ArrayList<>(messages.size());
        for (MessageApproved message : messages) {
            pending.add(submit(message));
        }
        return pending;
    }

    /** Binds, connects: called once at startup. */
    void start();

    void stop();

    /** What the readiness check shows of it. */
    String state();
}
