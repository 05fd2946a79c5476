package org.compliantsms.suppression;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * Items kept for a person to look at, in Redis: a hash of items (JSON) by id and a sorted set of their ids by time,
 * so that an item kept again (a batch handled twice, a carrier sending the same thing again) is kept once, and at
 * most {@code max} of them, the oldest dropped first. The services' review stores (inbound's replies, dispatch's
 * receipts) are built on it.
 */
public final class ReviewList {
    /** HSETNX, then index it and drop the oldest beyond the bound, atomically; 1 when the item is new. */
    private static final String KEEP = """
            if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[3]) == 0 then
              return 0
            end
            redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
            local over = redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[4])
            if over > 0 then
              local oldest = redis.call('ZRANGE', KEYS[2], 0, over - 1)
              redis.call('ZREMRANGEBYRANK', KEYS[2], 0, over - 1)
              redis.call('HDEL', KEYS[1], unpack(oldest))
            end
            return 1
            """;

    private final String items;
    private final String byTime;
    private final int max;

    /**
     * @param items the hash of items by id
     * @param byTime the sorted set of ids by time
     * @param max how many are kept at most
     */
    public ReviewList(String items, String byTime, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("a review list keeps at least one item, not " + max);
        }
        this.items = items;
        this.byTime = byTime;
        this.max = max;
    }

    /** Adds the item to the batch; the reply says whether it is new (not kept before). */
    public RedisBatch.Reply<Boolean> keep(RedisBatch batch, String id, Instant at, String json) {
        return batch.add(Request.cmd(Command.EVAL).arg(KEEP).arg(2).arg(items).arg(byTime).arg(id)
                .arg(at.toEpochMilli()).arg(json).arg(max), r -> r.toInteger() == 1);
    }

    /** The latest items' JSON, newest first (two round trips; for an API, not a hot path). */
    public List<String> latest(Redis redis, int limit, Duration timeout) {
        RedisBatch ids = new RedisBatch();
        RedisBatch.Reply<List<String>> latest = ids.add(Request.cmd(Command.ZRANGE).arg(byTime).arg(0)
                .arg(Math.max(0, limit - 1)).arg("REV"), ReviewList::strings);
        ids.execute(redis, timeout);
        if (latest.get().isEmpty()) {
            return List.of();
        }
        Request hmget = Request.cmd(Command.HMGET).arg(items);
        latest.get().forEach(hmget::arg);
        RedisBatch values = new RedisBatch();
        RedisBatch.Reply<List<String>> found = values.add(hmget, ReviewList::strings);
        values.execute(redis, timeout);
        return found.get().stream().filter(v -> v != null).toList();
    }

    /** How many items are kept now. */
    public RedisBatch.Reply<Long> size(RedisBatch batch) {
        return batch.add(Request.cmd(Command.ZCARD).arg(byTime), Response::toLong);
    }

    private static List<String> strings(Response values) {
        List<String> out = new ArrayList<>(values.size());
        for (Response value : values) {
            out.add(value == null ? null : value.toString());
        }
        return out;
    }
}
