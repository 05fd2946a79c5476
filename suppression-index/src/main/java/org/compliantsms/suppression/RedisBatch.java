package org.compliantsms.suppression;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * Redis commands gathered from several places (suppression, completeness, reply allowances, dispatch claims) and
 * sent in one pipelined round trip. Each {@link #add} returns a {@link Reply} readable after {@link #execute} (or
 * once {@link #start} completed). Commands added together with {@link #addInOrder} go in one pipeline, on one
 * connection, so Redis runs them in that order with nothing of this batch between them.
 */
public final class RedisBatch {
    /** Commands per pipeline: well under a connection's default limit of waiting replies (2048). */
    static final int MAX_PIPELINE = 1000;

    private final List<Request> requests = new ArrayList<>();
    /** Where each group of commands that must share a pipeline starts. */
    private final List<Integer> groupStarts = new ArrayList<>();
    private volatile List<Response> responses;

    /** A command's parsed answer, available once the batch ran. */
    public interface Reply<T> extends Supplier<T> {
    }

    public <T> Reply<T> add(Request request, Function<Response, T> parse) {
        int position = requests.size();
        groupStarts.add(position);
        requests.add(request);
        return () -> parse.apply(responses().get(position));
    }

    /** Several commands that Redis must run in this order; the reply is parsed from all their answers. */
    public <T> Reply<T> addInOrder(List<Request> inOrder, Function<List<Response>, T> parse) {
        int from = requests.size();
        groupStarts.add(from);
        requests.addAll(inOrder);
        int to = requests.size();
        return () -> parse.apply(responses().subList(from, to));
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
        await(start(redis), timeout);
    }

    /**
     * Sends every command at once without waiting: the replies are readable once the future completed. A failed
     * future holds a {@link RedisUnavailableException}.
     */
    public CompletableFuture<Void> start(Redis redis) {
        if (requests.isEmpty()) {
            responses = List.of();
            return CompletableFuture.completedFuture(null);
        }
        List<Uni<List<Response>>> parts = new ArrayList<>();
        int from = 0;
        for (int group = 0; group < groupStarts.size(); group++) {
            int end = group + 1 < groupStarts.size() ? groupStarts.get(group + 1) : requests.size();
            // A connection queues a bounded number of waiting replies: large batches go as several pipelines, at
            // once, each cut between groups.
            if (end - from > MAX_PIPELINE && groupStarts.get(group) > from) {
                parts.add(redis.batch(requests.subList(from, groupStarts.get(group))));
                from = groupStarts.get(group);
            }
        }
        parts.add(redis.batch(requests.subList(from, requests.size())));
        Uni<List<List<Response>>> all = Uni.join().all(parts).andFailFast();
        return all.subscribeAsCompletionStage().handle((answers, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                throw new RedisUnavailableException("Redis did not answer: " + cause.getMessage(), cause);
            }
            List<Response> joined = new ArrayList<>(requests.size());
            answers.forEach(joined::addAll);
            responses = joined;
            return null;
        });
    }

    /** Waits for a started batch; blocking, for consumer threads. */
    public static void await(CompletableFuture<Void> started, Duration timeout) {
        try {
            started.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RedisUnavailableException unavailable ? unavailable
                    : new RedisUnavailableException("Redis did not answer: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            started.cancel(false);
            throw new RedisUnavailableException("Redis did not answer within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedisUnavailableException("interrupted while waiting for Redis", e);
        }
    }

    private List<Response> responses() {
        List<Response> answered = responses;
        if (answered == null) {
            throw new IllegalStateException("the batch has not run");
        }
        return answered;
    }
}
