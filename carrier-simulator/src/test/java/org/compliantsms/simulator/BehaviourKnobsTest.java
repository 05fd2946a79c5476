package org.compliantsms.simulator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.jsmpp.SMPPConstant;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** PUT/DELETE /admin/behaviour as a client sees it: late answers and refusals, per destination. */
@QuarkusTest
class BehaviourKnobsTest {
    static final String SLOW = "+33611110001";
    static final String FAST = "+33611110002";
    static final String REFUSED = "+33611110003";

    TestClient client;

    @BeforeEach
    void clear() {
        given().delete("/admin/messages").then().statusCode(204);
    }

    @AfterEach
    void reset() {
        given().delete("/admin/behaviour").then().statusCode(204);
        if (client != null) {
            client.close();
        }
    }

    @Test
    void aDelayedDestinationTimesOutWhileAnotherIsAnsweredAtOnce() throws Exception {
        put("{\"responseDelayMs\": {\"" + SLOW + "\": 15000}}");
        client = new TestClient(2_000);

        long start = System.nanoTime();
        CompletableFuture<String> slow = CompletableFuture.supplyAsync(() -> {
            try {
                return client.submit(SLOW, "answered late");
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        awaitCount(SLOW, 1);
        // The slow submit_sm reached the carrier and waits for its answer: meanwhile another destination on the
        // same session is answered promptly.
        long fastStart = System.nanoTime();
        assertNotNull(client.submit(FAST, "answered at once"));
        long fastMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - fastStart);
        assertTrue(fastMs < 1_000, "the other destination was answered in " + fastMs + " ms");
        assertFalse(slow.isDone(), "the slow destination was answered within the fast one's time");

        ExecutionException failure = assertThrows(ExecutionException.class, () -> slow.get(10, TimeUnit.SECONDS));
        assertInstanceOf(ResponseTimeoutException.class, failure.getCause().getCause());
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) >= 2_000);
        // It reached the carrier, so it counts as received.
        given().queryParam("to", SLOW).get("/admin/messages/count").then().body("count", equalTo(1));
        given().queryParam("to", FAST).get("/admin/messages/count").then().body("count", equalTo(1));
    }

    @Test
    void anErrorStatusAnswersWithItAndTheMessageIsNotCounted() throws Exception {
        put("{\"errorStatus\": {\"" + REFUSED + "\": 88}}");
        client = new TestClient(5_000);

        NegativeResponseException refused = assertThrows(NegativeResponseException.class,
                () -> client.submit(REFUSED, "throttled"));
        assertEquals(SMPPConstant.STAT_ESME_RTHROTTLED, refused.getCommandStatus());
        assertNotNull(client.submit(FAST, "accepted"));

        given().queryParam("to", FAST).get("/admin/messages/count").then().body("count", equalTo(1));
        given().queryParam("to", REFUSED).get("/admin/messages/count").then()
                .body("count", equalTo(0)).body("exact", equalTo(true)).body("total", equalTo(1));
        given().queryParam("to", REFUSED).get("/admin/messages").then().body("size()", equalTo(0));
    }

    @Test
    void aWildcardAppliesToEveryDestinationWithoutItsOwnKnob() throws Exception {
        put("{\"errorStatus\": {\"*\": 20, \"" + FAST + "\": 11}}");
        client = new TestClient(5_000);

        assertEquals(SMPPConstant.STAT_ESME_RINVDSTADR,
                assertThrows(NegativeResponseException.class, () -> client.submit(FAST, "x")).getCommandStatus());
        assertEquals(SMPPConstant.STAT_ESME_RMSGQFUL,
                assertThrows(NegativeResponseException.class, () -> client.submit(SLOW, "x")).getCommandStatus());

        given().delete("/admin/behaviour").then().statusCode(204);
        assertNotNull(client.submit(SLOW, "accepted again"));
        given().queryParam("to", SLOW).get("/admin/messages/count").then().body("count", equalTo(1));
        given().queryParam("to", FAST).get("/admin/messages/count").then().body("count", equalTo(0));
    }

    @Test
    void aPrefixRuleRefusesTheFirstAttemptsOfEachDestinationThenAccepts() throws Exception {
        put("{\"errorRules\": [{\"prefix\": \"+3361111\", \"status\": 88, \"times\": 2},"
                + " {\"prefix\": \"+336\", \"status\": 11, \"times\": 0}]}");
        client = new TestClient(5_000);

        for (int attempt = 1; attempt <= 2; attempt++) {
            assertEquals(SMPPConstant.STAT_ESME_RTHROTTLED, assertThrows(NegativeResponseException.class,
                    () -> client.submit(SLOW, "not yet")).getCommandStatus());
        }
        assertNotNull(client.submit(SLOW, "third time"));
        // Counted per destination: another number under the prefix starts again.
        assertEquals(SMPPConstant.STAT_ESME_RTHROTTLED, assertThrows(NegativeResponseException.class,
                () -> client.submit(FAST, "not yet")).getCommandStatus());
        // The first matching rule decides: a longer prefix first, a permanent refusal for the rest of +336.
        for (int attempt = 1; attempt <= 3; attempt++) {
            assertEquals(SMPPConstant.STAT_ESME_RINVDSTADR, assertThrows(NegativeResponseException.class,
                    () -> client.submit("+33622220001", "never")).getCommandStatus());
        }
        assertNotNull(client.submit("+447700900123", "another prefix"));

        given().queryParam("to", SLOW).get("/admin/messages").then().body("size()", equalTo(1))
                .body("[0].text", equalTo("third time"));
        given().queryParam("to", SLOW).get("/admin/behaviour/refusals").then().body("refused", equalTo(2));
        given().queryParam("to", "+33622220001").get("/admin/behaviour/refusals").then().body("refused", equalTo(3));
        given().queryParam("to", "+447700900123").get("/admin/behaviour/refusals").then().body("refused", equalTo(0));
    }

    @Test
    void randomErrorsRefuseTheirShareWithTheirMixOfStatuses() throws Exception {
        put("{\"randomErrors\": {\"rate\": 0.5, \"transientShare\": 0.5, \"transientStatuses\": [88],"
                + " \"permanentStatuses\": [11]}}");
        client = new TestClient(5_000);
        Map<Integer, Integer> seen = new java.util.HashMap<>();
        int n = 400;
        for (int i = 0; i < n; i++) {
            int status;
            try {
                client.submit(String.format("+3362234%04d", i), "maybe");
                status = 0;
            } catch (NegativeResponseException e) {
                status = e.getCommandStatus();
            }
            seen.merge(status, 1, Integer::sum);
        }
        assertEquals(Set.of(0, 88, 11), seen.keySet(), "only the configured statuses: " + seen);
        // Binomial(400, 0.5) and (400, 0.25): these bounds are more than 6 standard deviations wide.
        assertTrue(seen.get(0) > 140 && seen.get(0) < 260, "about half accepted: " + seen);
        assertTrue(seen.get(88) > 50 && seen.get(88) < 150, "about a quarter throttled: " + seen);
        assertTrue(seen.get(11) > 50 && seen.get(11) < 150, "about a quarter invalid destination: " + seen);
        given().get("/admin/messages/count").then().body("total", equalTo(seen.get(0)));
    }

    @Test
    void knobsAreShownAndBadOnesRefused() {
        put("{\"responseDelayMs\": {\"*\": 250}}");
        given().get("/admin/behaviour").then().statusCode(200)
                .body("responseDelayMs.'*'", equalTo(250)).body("errorStatus", equalTo(Map.of()));
        given().contentType(ContentType.JSON).body("{\"responseDelayMs\": {\"0612\": 10}}")
                .put("/admin/behaviour").then().statusCode(400).body("$", hasKey("error"));
        given().contentType(ContentType.JSON).body("{\"errorStatus\": {\"*\": 0}}")
                .put("/admin/behaviour").then().statusCode(400);
        given().contentType(ContentType.JSON).body("{\"errorRules\": [{\"prefix\": \"33\", \"status\": 88}]}")
                .put("/admin/behaviour").then().statusCode(400);
        given().contentType(ContentType.JSON).body("{\"randomErrors\": {\"rate\": 2}}")
                .put("/admin/behaviour").then().statusCode(400);
        // The refused PUTs left the knobs as they were.
        given().get("/admin/behaviour").then().body("responseDelayMs.'*'", equalTo(250));
    }

    private static void put(String json) {
        given().contentType(ContentType.JSON).body(json).put("/admin/behaviour").then().statusCode(200);
    }

    private static void awaitCount(String to, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (given().queryParam("to", to).get("/admin/messages/count").then().extract().<Integer>path("count")
                < count) {
            assertTrue(System.nanoTime() < deadline, "the submit_sm never reached the carrier");
            Thread.sleep(20);
        }
    }
}
