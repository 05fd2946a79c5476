package org.compliantsms.inbound.review;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.events.EventCodec;
import org.compliantsms.events.PhoneNumbers;
import org.compliantsms.suppression.RedisBatch;
import org.compliantsms.suppression.ReviewList;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.mutiny.redis.client.Redis;

/**
 * Replies kept for a person to review, in Redis: a hash of items by inbound id and a sorted set by time, so that a
 * batch handled again keeps each reply once. The durable record is the topic they came from
 * (sms.inbound-unattributed.v1, or sms.inbound-received.v1 for the others); this is the working list.
 * <p>
 * Each new item counts in {@code sms_inbound_review_total{kind,optout}}; an opt-out nothing could apply (an
 * unattributed sender) is an alert: an ERROR log line and {@code sms_inbound_review_optouts_total}, on which
 * operations page someone.
 */
@ApplicationScoped
public class ReviewStore {
    private static final Logger LOG = Logger.getLogger(ReviewStore.class);
    static final String ITEMS = "sms:review:items";
    static final String BY_TIME = "sms:review:by-time";
    private static final Duration REDIS_TIMEOUT = Duration.ofSeconds(5);

    /** Far more than anyone reviews; only a flood of unattributable replies reaches it (oldest dropped). */
    private static final int MAX_ITEMS = 100_000;

    private final Redis redis;
    private final MeterRegistry metrics;
    private final ReviewList list = new ReviewList(ITEMS, BY_TIME, MAX_ITEMS);

    public ReviewStore(Redis redis, MeterRegistry metrics) {
        this.redis = redis;
        this.metrics = metrics;
    }

    /** Keeps the items (blocking: for consumer threads); an item kept before is not counted again. */
    public void keep(List<ReviewItem> items) {
        if (items.isEmpty()) {
            return;
        }
        RedisBatch batch = new RedisBatch();
        List<RedisBatch.Reply<Boolean>> added = new ArrayList<>();
        for (ReviewItem item : items) {
            added.add(list.keep(batch, item.inboundId(), item.receivedAt(), json(item)));
        }
        batch.execute(redis, REDIS_TIMEOUT);
        for (int i = 0; i < items.size(); i++) {
            if (added.get(i).get()) {
                counted(items.get(i));
            }
        }
    }

    private void counted(ReviewItem item) {
        metrics.counter("sms_inbound_review_total", "kind", item.kind().name(), "optout",
                Boolean.toString(item.isOptOut())).increment();
        if (item.needsAction()) {
            metrics.counter("sms_inbound_review_optouts_total", "kind", item.kind().name()).increment();
            LOG.errorf("ALERT: an opt-out could not be applied and needs a person: reply %s from %s to %s (%s): %s",
                    item.inboundId(), PhoneNumbers.mask(item.sender()), item.to(), item.kind(), item.reason());
        } else {
            LOG.infof("reply %s kept for review (%s): %s", item.inboundId(), item.kind(), item.reason());
        }
    }

    /** The latest items, newest first. */
    public List<ReviewItem> latest(int limit) {
        return list.latest(redis, limit, REDIS_TIMEOUT).stream().map(ReviewStore::item).toList();
    }

    private static ReviewItem item(String json) {
        try {
            return EventCodec.mapper().readValue(json, ReviewItem.class);
        } catch (IOException e) {
            throw new IllegalStateException("a review item that is not JSON: " + e.getMessage(), e);
        }
    }

    private static String json(ReviewItem item) {
        try {
            return EventCodec.mapper().writeValueAsString(item);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
