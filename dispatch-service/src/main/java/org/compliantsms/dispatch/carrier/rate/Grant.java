package org.compliantsms.dispatch.carrier.rate;

/**
 * What one call of the shared bucket gave: {@code granted} permits, the bucket holding {@code tokensBefore} just
 * before they were taken (below zero: permits already promised to earlier callers). Permit {@code k} (from 0) may
 * be used {@code (k + 1 - tokensBefore) / rate} seconds after the bucket's clock read, at once when that is not
 * positive: the bucket refills at {@code rate} a second, so the k-th token of this grant exists only then.
 */
public record Grant(int granted, double tokensBefore) {
    /** Nanoseconds after the grant when permit {@code k} (0-based) may be used; 0 for now. */
    public long delayNanos(int k, double perSecond) {
        double seconds = (k + 1 - tokensBefore) / perSecond;
        return seconds <= 0 ? 0 : (long) Math.ceil(seconds * 1e9);
    }
}
