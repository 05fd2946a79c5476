package org.compliantsms.batch;

import java.util.List;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.compliantsms.events.SmsEvent;

/**
 * What one consumer decides for a batch of valid events of its input topic. Everything else (polling, decoding
 * against the schema, dead letters, producing the outputs, committing offsets only once they are acknowledged,
 * pausing and retrying while a dependency is down) is {@link BatchConsumerLoop}'s.
 * <p>
 * A handler must be idempotent: after a failure the same batch is handled again from its first record.
 */
public interface BatchHandler<T extends SmsEvent> {

    /** The consumer's name: its configuration is under {@code batch.consumers.<name>}. */
    String name();

    /** The event the input topic carries; the topic is that event's. */
    Class<T> eventType();

    /**
     * A look at the raw record before it is decoded. A record this consumer has nothing to do with is neither
     * decoded nor dead-lettered (its offset moves with the batch): decoding against the schema is most of what a
     * consumer spends, and some consumers act on a small part of their topic. Not called for a record without a
     * value (null) or with an empty one: that one is always decoded, hence dead-lettered (or skipped by a secondary
     * consumer).
     */
    default boolean concerns(ConsumerRecord<String, byte[]> record) {
        return true;
    }

    /**
     * What this deciding consumer still acts on in a record that breaks the contract: an opt-out that names its
     * number and what it stops must never be only a dead letter. The record is dead-lettered all the same, the
     * dead letter saying it was salvaged ({@link Output#DLQ_SALVAGED}); the event returned is handled with the batch,
     * at the record's place. Not called by secondary consumers. Empty by default.
     */
    default Optional<T> salvage(ConsumerRecord<String, byte[]> record) {
        return Optional.empty();
    }

    /**
     * Decides for the whole batch, in input order, and returns the records to produce (in the order they must
     * appear per key). Throw {@link RetryLaterException} when a dependency is unavailable.
     */
    List<Output> handle(List<Received<T>> batch);
}
