package org.compliantsms.suppression;

/** Redis cannot be read or written now: callers wait and retry, they never treat it as "not suppressed". */
public class RedisUnavailableException extends RuntimeException {
    public RedisUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public RedisUnavailableException(String message) {
        super(message);
    }
}
