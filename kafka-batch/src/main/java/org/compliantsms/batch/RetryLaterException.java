package org.compliantsms.batch;

/**
 * A dependency (Redis, the carrier, PostgreSQL, an incomplete index...) cannot serve the batch now: the consumer
 * pauses, reports not ready with this message, and handles the same batch again after a backoff.
 */
public class RetryLaterException extends RuntimeException {
    public RetryLaterException(String message) {
        super(message);
    }

    public RetryLaterException(String message, Throwable cause) {
        super(message, cause);
    }
}
