package org.compliantsms.compliance.lists;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.compliantsms.events.SuppressionScope;
import org.compliantsms.events.Topics;
import org.compliantsms.suppression.IndexCompleteness;
import org.compliantsms.suppression.SuppressionIndex;
import org.compliantsms.testing.OwnRedisResource;
import org.compliantsms.testing.TestNumbers;
import org.compliantsms.testing.TestTokens;
import org.compliantsms.testing.TopicProbe;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.redis.client.RedisAPI;

/**
 * The rebuild endpoint, on a redis-server this test started itself (the only Redis it ever wipes): thousands of
 * entries, opted out and lifted, are the same after a wipe and a rebuild from sms.suppression.v1.
 */
@QuarkusTest
@WithTestResource(value = OwnRedisResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class IndexRebuildIT {
    static final Duration TIMEOUT = Duration.ofSeconds(120);
    static final int NUMBERS = 3000;
    static final int LIFTED = 500;

    @Inject
    SuppressionIndex index;

    @Inject
    RedisAPI redis;

    @ConfigProperty(name = "quarkus.redis.hosts")
    String redisHosts;

    @Test
    void theRebuiltIndexEqualsTheOriginalAfterAWipe() {
        assertEquals(OwnRedisResource.server().url(), redisHosts, "wipe only the Redis this test started");
        awaitComplete();
        String program = "rebuild-" + UUID.randomUUID().toString().substring(0, 8);
        // distinct: 3,000 random numbers repeat one in about 6% of runs, and the counts would then be one short
        Set<String> drawn = new LinkedHashSet<>();
        while (drawn.size() < NUMBERS) {
            drawn.add(TestNumbers.frenchMobile());
        }
        List<String> numbers = new ArrayList<>(drawn);
        StringBuilder csv = new StringBuilder("number,action,scope,program_id\n");
        for (String number : numbers) {
            csv.append(number).append(",OPT_OUT,PROGRAM,").append(program).append('\n');
        }
        StringBuilder lifts = new StringBuilder("number,action,scope,program_id\n");
        for (String number : numbers.subList(0, LIFTED)) {
            lifts.append(number).append(",LIFT,PROGRAM,").append(program).append('\n');
        }
        try (TopicProbe suppression = TopicProbe.open(Topics.SUPPRESSION)) {
            importCsv(csv.toString(), NUMBERS);
            importCsv(lifts.toString(), LIFTED);
            // the source of truth has every state (compliance's consumer publishes them) before Redis is wiped
            String prefix = SuppressionScope.program(program) + ":";
            suppression.awaitRecords(r -> r.key() != null && r.key().startsWith(prefix), NUMBERS + LIFTED, TIMEOUT);
        }
        Map<String, Map<String, SuppressionIndex.Entry>> before = snapshot(numbers);
        long countBefore = count(program);
        assertEquals(NUMBERS - LIFTED, countBefore);

        redis.flushall(List.of()).await().atMost(Duration.ofSeconds(10));
        assertTrue(index.entries(numbers.get(0)).await().atMost(Duration.ofSeconds(5)).isEmpty(), "wiped");
        Instant start = Instant.now();
        given().auth().oauth2(TestTokens.token("admin")).post("/admin/suppression-index/rebuild").then()
                .statusCode(202);
        awaitComplete();
        System.out.printf("index rebuilt from %s in %s%n", Topics.SUPPRESSION, Duration.between(start, Instant.now()));

        assertEquals(before, snapshot(numbers), "every entry, opted out or lifted, as before the wipe");
        assertEquals(countBefore, count(program));
    }

    @Test
    void theEndpointRestoresAMissingEntryWithoutAWipe() {
        awaitComplete();
        String program = "rebuild-" + UUID.randomUUID().toString().substring(0, 8);
        String number = TestNumbers.frenchMobile();
        try (TopicProbe suppression = TopicProbe.open(Topics.SUPPRESSION)) {
            importCsv("number,action,program_id\n" + number + ",OPT_OUT," + program + "\n", 1);
            suppression.awaitRecords(r -> (SuppressionScope.program(program) + ":" + number).equals(r.key()), 1, TIMEOUT);
        }
        SuppressionIndex.Entry entry = index.entries(number).await().atMost(Duration.ofSeconds(5))
                .get(SuppressionScope.program(program));
        redis.del(List.of("sms:suppression:" + number)).await().atMost(Duration.ofSeconds(5));

        given().auth().oauth2(TestTokens.token("admin")).post("/admin/suppression-index/rebuild").then()
                .statusCode(202);
        awaitComplete();
        assertEquals(entry, index.entries(number).await().atMost(Duration.ofSeconds(5))
                .get(SuppressionScope.program(program)));
    }

    static void importCsv(String csv, int rows) {
        given().auth().oauth2(TestTokens.token("compliance-officer")).contentType("text/csv").body(csv)
                .post("/lists/suppression/import").then().statusCode(200).body("applied", equalTo(rows))
                .body("rejected", equalTo(0));
    }

    long count(String program) {
        return index.counts().await().atMost(Duration.ofSeconds(5)).getOrDefault(SuppressionScope.program(program), 0L);
    }

    Map<String, Map<String, SuppressionIndex.Entry>> snapshot(List<String> numbers) {
        Map<String, Map<String, SuppressionIndex.Entry>> state = new HashMap<>();
        for (String number : numbers) {
            state.put(number, index.entries(number).await().atMost(Duration.ofSeconds(5)));
        }
        return state;
    }

    /**
     * Waits until the index is complete again: the completeness marker (dropped by the request or the wipe) written
     * back by the rebuild's end, and this replica's state COMPLETE.
     */
    void awaitComplete() {
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (true) {
            boolean marked = redis.get(IndexCompleteness.MARKER).await().atMost(Duration.ofSeconds(5)) != null;
            String state = given().auth().oauth2(TestTokens.token("admin")).get("/admin/suppression-index").then()
                    .statusCode(200).extract().path("state");
            if (marked && "COMPLETE".equals(state)) {
                return;
            }
            assertTrue(Instant.now().isBefore(deadline), "index still " + state + " after " + TIMEOUT);
            sleep(Duration.ofMillis(200));
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
