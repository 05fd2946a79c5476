package org.compliantsms.suppression;

/**
 * The index does not hold every suppression (Redis restarted empty or partial, or a failover): nothing may be
 * decided on it until the rebuild from sms.suppression.v1 has finished.
 */
public class IndexIncompleteException extends RedisUnavailableException {
    public IndexIncompleteException(String message) {
        super(message);
    }
}
