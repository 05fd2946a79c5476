package org.compliantsms.events;

import java.time.Instant;

/**
 * What every event of the contract tells its producer: the record key, its CloudEvents id and time. These
 * accessors are not bean getters, so they are not written to JSON unless a record component has that name.
 */
public interface SmsEvent {

    /** Kafka record key: the recipient in E.164, so every event about one number is ordered on one partition. */
    String partitionKey();

    /** CloudEvents {@code id}: deterministic, so that a redelivered input produces the same id downstream. */
    String eventId();

    /** CloudEvents {@code time}. */
    Instant eventTime();
}
