package org.compliantsms.dispatch.carrier;

/**
 * A submission the carrier did not accept. {@link #permanent()} ones will never succeed (bad destination...);
 * the others (not bound, throttled, timeouts) are retried.
 */
public class CarrierException extends Exception {
    private final boolean permanent;

    public CarrierException(String message, boolean permanent, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
    }

    public boolean permanent() {
        return permanent;
    }
}
