package org.compliantsms.events;

/**
 * An input record that is not a valid event of the contract (not JSON, or breaks its schema). Consumers nack
 * with it, so the record goes to the topic's dead-letter topic with this message as the reason.
 */
public class MalformedEventException extends RuntimeException {
    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
