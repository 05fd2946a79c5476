package org.compliantsms.dispatch.receipts;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.events.EventCodec;
import org.compliantsms.suppression.RedisBatch;
import org.compliantsms.suppression.ReviewList;

import io.vertx.mutiny.redis.client.Redis;

/**
 * Receipts that matched no message, kept for review in Redis ({@code sms:review:receipts:*}, at most
 * {@code dispatch.receipts.review-max}, the oldest dropped), listed by {@code GET /review/receipts}.
 */
@ApplicationScoped
public class ReceiptReview {
    static final String ITEMS = "sms:review:receipts:items";
    static final String BY_TIME = "sms:review:receipts:by-time";
    private static final Duration REDIS_TIMEOUT = Duration.ofSeconds(5);

    private final Redis redis;
    private final ReviewList list;

    public ReceiptReview(Redis redis, ReceiptConfig config) {
        this.redis = redis;
        this.list = new ReviewList(ITEMS, BY_TIME, config.reviewMax());
    }

    /** Adds the item to the batch; the reply says whether it is new. */
    RedisBatch.Reply<Boolean> keep(RedisBatch writes, UnmatchedReceipt receipt) {
        return list.keep(writes, receipt.key(), receipt.receivedAt(), json(receipt));
    }

    /** How many are kept now. */
    public long kept() {
        RedisBatch batch = new RedisBatch();
        RedisBatch.Reply<Long> size = list.size(batch);
        batch.execute(redis, REDIS_TIMEOUT);
        return size.get();
    }

    /** The latest, newest first. */
    public List<UnmatchedReceipt> latest(int limit) {
        return list.latest(redis, limit, REDIS_TIMEOUT).stream().map(ReceiptReview::receipt).toList();
    }

    private static String json(UnmatchedReceipt receipt) {
        try {
            return EventCodec.mapper().writeValueAsString(receipt);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static UnmatchedReceipt receipt(String json) {
        try {
            return EventCodec.mapper().readValue(json, UnmatchedReceipt.class);
        } catch (IOException e) {
            throw new IllegalStateException("a receipt kept for review that is not JSON: " + e.getMessage(), e);
        }
    }
}
