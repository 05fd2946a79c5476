package org.compliantsms.dispatch.carrier;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeoutException;

import org.compliantsms.dispatch.carrier.rate.CarrierRateLimits;
import org.compliantsms.dispatch.carrier.rate.Permits;
import org.compliantsms.events.MessageApproved;
import org.compliantsms.suppression.RedisUnavailableException;
import org.jboss.logging.Logger;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * A carrier with a REST API: one JSON POST per message to its URL, with its authentication header; receipts come
 * back by webhook ({@code POST /carriers/<name>/receipts}). What its answer means:
 * <ul>
 * <li>2xx with the carrier's message id (field {@code http.id-field}, default {@code id}): accepted;</li>
 * <li>any other status: refused, classed by the carrier's error table (429, 408, 425 and 5xx transient, other 4xx
 * permanent by default);</li>
 * <li>no connection (refused, not made within {@code http.connect-timeout}): certainly not sent, so the routing may
 * try the next carrier and the carrier counts as down for {@code http.reconnect-delay};</li>
 * <li>the request written and no answer within {@code http.response-timeout}, the connection lost after the
 * request was written, or a 2xx without an id: it may have been taken, so UNCONFIRMED, never sent again.</li>
 * </ul>
 * Every request waits for its permit of the carrier's rate limit ({@code max-rate}), shared by all replicas
 * ({@link CarrierRateLimits}); without one (Redis unavailable) nothing is sent.
 * Vert.x's own HTTP client (the one under Quarkus's, already on the class path): its two steps, getting a
 * connection and then sending on it, tell "nothing was sent" from "sent, no answer" apart, which is the line
 * between a safe failover and an UNCONFIRMED message; a declarative REST client folds both into one exception.
 */
public final class HttpCarrier implements Carrier {
    private static final Logger LOG = Logger.getLogger(HttpCarrier.class);

    private final CarrierSettings carrier;
    private final CarrierConfig.Http http;
    private final Vertx vertx;
    private final CarrierMetrics.Submits metrics;
    private final CarrierRateLimits.Limit rate;
    private final Semaphore outstanding;
    private final RequestOptions target;
    private volatile HttpClient client;
    private volatile long downUntilNanos = System.nanoTime();

    HttpCarrier(CarrierSettings carrier, CarrierRateLimits.Limit rate, Vertx vertx, CarrierMetrics metrics) {
        this.carrier = carrier;
        this.http = carrier.http();
        this.vertx = vertx;
        this.metrics = metrics.forCarrier(carrier.name());
        metrics.sessionsBound(carrier.name(), this, c -> c.available() ? 1 : 0);
        this.rate = rate;
        this.outstanding = new Semaphore(Math.max(1, http.window()));
        RequestOptions options = new RequestOptions().setAbsoluteURI(http.url()).setMethod(HttpMethod.POST)
                .setConnectTimeout(http.connectTimeout().toMillis())
                .setIdleTimeout(http.responseTimeout().toMillis())
                .putHeader("Content-Type", "application/json").putHeader("Accept", "application/json");
        http.authValue().ifPresent(value -> options.putHeader(http.authHeader(), value));
        this.target = options;
    }

    @Override
    public String name() {
        return carrier.name();
    }

    @Override
    public boolean available() {
        return client != null && System.nanoTime() - downUntilNanos >= 0;
    }

    @Override
    public int capacity() {
        return Math.max(1, http.window());
    }

    @Override
    public void start() {
        client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
                .setConnectTimeout((int) http.connectTimeout().toMillis()),
                new PoolOptions().setHttp1MaxSize(capacity()));
        LOG.infof("HTTP carrier %s at %s", carrier.name(), http.url());
    }

    @Override
    public void stop() {
        HttpClient current = client;
        client = null;
        if (current != null) {
            current.close();
        }
    }

    @Override
    public String state() {
        return available() ? "reachable" : "unreachable";
    }

    /** One message alone (a failover): its permit in a round trip of its own. */
    @Override
    public CompletableFuture<SubmitResult> submit(MessageApproved message) {
        return submitEach(List.of(message)).get(0);
    }

    /** One request per message, each at its permit's time; the permits of them all asked for together. */
    @Override
    public List<CompletableFuture<SubmitResult>> submitEach(List<MessageApproved> messages) {
        Permits permits = rate.permits();
        List<CompletableFuture<SubmitResult>> pending = new ArrayList<>(messages.size());
        String noPermit = null;
        for (int i = 0; i < messages.size(); i++) {
            if (noPermit == null) {
                try {
                    permits.take(1, messages.size() - i);
                } catch (RedisUnavailableException e) {
                    // Fail closed: without the shared bucket nothing is sent; the batch waits and tries again.
                    noPermit = "no rate permit for " + carrier.name() + ": " + e.getMessage();
                }
            }
            pending.add(noPermit != null ? CompletableFuture.completedFuture(new SubmitResult.NotSent(noPermit))
                    : request(messages.get(i), permits));
        }
        return pending;
    }

    private CompletableFuture<SubmitResult> request(MessageApproved message, Permits permits) {
        HttpClient current = client;
        if (current == null) {
            return CompletableFuture.completedFuture(new SubmitResult.NotSent(carrier.name() + " is not started"));
        }
        permits.awaitNext();
        outstanding.acquireUninterruptibly();
        long start = System.nanoTime();
        CompletableFuture<SubmitResult> result = new CompletableFuture<>();
        result.whenComplete((done, failure) -> {
            outstanding.release();
            metrics.submitted(done, start);
        });
        Buffer body = body(message).toBuffer();
        try {
            send(current, body, result);
        } catch (RuntimeException e) {
            // Before any byte was written (the client closing): nothing left.
            result.complete(new SubmitResult.NotSent("request to " + carrier.name() + " not made: " + e));
        }
        return result;
    }

    private void send(HttpClient current, Buffer body, CompletableFuture<SubmitResult> result) {
        current.request(new RequestOptions(target)).onComplete(connected -> {
            if (connected.failed()) {
                downUntilNanos = System.nanoTime() + http.reconnectDelay().toNanos();
                LOG.warnf("HTTP carrier %s unreachable (%s): down for %s", carrier.name(),
                        connected.cause().toString(), http.reconnectDelay());
                result.complete(new SubmitResult.NotSent("no connection to " + carrier.name() + ": "
                        + connected.cause().getMessage()));
                return;
            }
            connected.result().send(body).compose(response -> response.body().map(answer -> answer(
                    response.statusCode(), response.statusMessage(), answer))).onComplete(answered -> {
                        result.complete(answered.succeeded() ? answered.result() : unknown(answered.cause()));
                    });
        });
    }

    /** What the carrier is sent: who to, from whom, the text as compliance approved it. */
    static JsonObject body(MessageApproved message) {
        return new JsonObject(Map.of("messageId", message.messageId(), "from", message.request().senderId(), "to",
                message.recipient(), "text", message.body(), "encoding", message.encoding().name(), "segments",
                message.segments()));
    }

    private SubmitResult answer(int status, String reason, Buffer answer) {
        if (status < 200 || status > 299) {
            return new SubmitResult.Refused(carrier.errors().http(status, reason));
        }
        String id = null;
        try {
            Object value = answer.length() == 0 ? null : new JsonObject(answer).getValue(http.idField());
            id = value == null ? null : value.toString();
        } catch (DecodeException | ClassCastException e) {
            // no id: below
        }
        if (id == null || id.isBlank()) {
            return new SubmitResult.Unknown(carrier.name() + " answered " + status + " without a message id in '"
                    + http.idField() + "'");
        }
        return new SubmitResult.Accepted(id);
    }

    private SubmitResult unknown(Throwable failure) {
        return new SubmitResult.Unknown(failure instanceof TimeoutException
                || failure.getClass().getSimpleName().contains("Timeout")
                ? "no answer from " + carrier.name() + " within " + http.responseTimeout()
                : "request to " + carrier.name() + " sent, answer lost: " + failure);
    }
}
