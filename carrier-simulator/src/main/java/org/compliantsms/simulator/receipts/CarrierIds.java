package org.compliantsms.simulator.receipts;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Singleton;

/**
 * The simulated carrier's message ids: 64-bit numbers, a random high half per start (so ids do not repeat across
 * restarts) and a counter, written as {@link IdFormat} says.
 */
@Singleton
public class CarrierIds {
    private final AtomicLong next = new AtomicLong((new SecureRandom().nextLong() & 0x7fffffff00000000L) | 1);

    /** A fresh id: as written in submit_sm_resp, and as written in its receipt. */
    public Ids next(IdFormat format) {
        long id = next.getAndIncrement();
        return new Ids(format.submitted(id), format.inReceipt(id));
    }

    public record Ids(String submitted, String inReceipt) {
    }
}
