package org.compliantsms.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

import org.compliantsms.events.EventCodec;

import com.fasterxml.jackson.databind.JsonNode;

/** Waits for a service's readiness endpoint to answer a status (200 ready, 503 not ready). */
public final class Readiness {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Readiness() {
    }

    /**
     * The checks of {@code baseUrl}'s readiness that are not UP, each with its data (why: REDIS_DOWN, the consumer
     * that waits and for what...); {@code []} when ready.
     */
    public static List<String> downChecks(String baseUrl) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            List<String> down = new ArrayList<>();
            for (JsonNode check : EventCodec.mapper().readTree(response.body()).path("checks")) {
                if (!"UP".equals(check.path("status").asText())) {
                    down.add(check.path("name").asText() + (check.has("data") ? " " + check.get("data") : ""));
                }
            }
            return down;
        } catch (IOException e) {
            return List.of("(no answer: " + e + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits until {@code baseUrl} is not ready as a Kubernetes readiness probe counts it: 503, or no answer within the
     * probe's time (2 s here; deploy/k8s gives 1 s). A readiness check that waits on a server that is down (a
     * database connection being acquired) may answer late rather than 503. A refused connection is not counted: the
     * process is gone, which is another failure.
     */
    public static void awaitNotReady(String baseUrl, Duration timeout) {
        awaitAnswer(baseUrl, timeout, "not ready (503 or no answer within 2 s)", status -> status == 503, true);
    }

    public static void await(String baseUrl, int status, Duration timeout) {
        awaitAnswer(baseUrl, timeout, Integer.toString(status), answered -> answered == status, false);
    }

    /** Polls readiness until {@code wanted} holds for its status, or, with {@code lateCounts}, it answers too late. */
    private static void awaitAnswer(String baseUrl, Duration timeout, String expected, IntPredicate wanted,
            boolean lateCounts) {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest ready = HttpRequest.newBuilder(URI.create(baseUrl + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        String last = "nothing";
        while (Instant.now().isBefore(deadline)) {
            try {
                int status = HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (wanted.test(status)) {
                    return;
                }
                last = Integer.toString(status);
            } catch (HttpTimeoutException e) {
                if (lateCounts) {
                    return;
                }
                last = e.toString();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("readiness of " + baseUrl + " answered " + last + ", expected " + expected + " within "
                + timeout);
    }
}
