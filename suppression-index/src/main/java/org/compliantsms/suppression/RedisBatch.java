package org.compliantsms.suppression;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * Redis commands gathered from several places (suppression, completeness, reply allowances, dispatch claims) and
 * sent in one pipelined round trip. Each {@link #add} returns a {@link Reply} readable after {@link #execute}.
 */
public final class RedisBatch {
    /** Commands per pipeline: well under a connection's default limit of waiting replies (2048). */
    static final int MAX_PIPELINE = 1000;

    private final List<Request> requests = new ArrayList<>();
    private List<Response> responses;

    /** A command's parsed answer, available once the batch ran. */
    public interface Reply<T> extends Supplier<T> {
    }

    public <T> Reply<T> add(Request request, Function<Response, T> parse) {
        int position = requests.size();
        requests.add(request);
        return () -> {
            if (responses == null) {
                throw new IllegalStateException("the batch has not run");
            }
            return parse.apply(responses.get(position));
        };
    }

    public int size() {
        return requests.size();
    }

    /**
     * Sends every command at once and waits for all answers. Blocking: for consumer threads, never an event loop.
     *
     * @throws RedisUnavailableException when Redis cannot answer
     */
    public void execute(Redis redis, Duration timeout) {
        if (requests.isEmpty()) {
            responses = List.of();
            return;
        }
        try {
            if (requests.size() <= MAX_PIPELINE) {
                responses = redis.batch(requests).await().atMost(timeout);
                return;
            }
            // A connection queues a bounded number of waiting replies: large batches go as several pipelines, at once.
            List<Uni<List<Response>>> parts = new ArrayList<>();
            for (int from = 0; from < requests.size(); from += MAX_PIPELINE) {
                parts.add(redis.batch(requests.subList(from, Math.min(requests.size(), from + MAX_PIPELINE))));
            }
            List<List<Response>> answers = Uni.join().all(parts).andFailFast().await().atMost(timeout);
            List<Response> all = new ArrayList<>(requests.size());
            answers.forEach(all::addAll);
            responses = all;
        } catch (RuntimeException e) {
            throw new RedisUnavailableException("Redis did not answer: " + e.getMessage(), e);
        }
    }
}
