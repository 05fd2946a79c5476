package org.compliantsms.compliance.consent;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import jakarta.inject.Inject;

import org.compliantsms.events.ConsentAction;
import org.compliantsms.events.ConsentChanged;
import org.compliantsms.events.ConsentSource;
import org.compliantsms.suppression.RedisBatch;
import org.compliantsms.testing.PlatformTestResource;
import org.compliantsms.testing.TestNumbers;
import org.compliantsms.testing.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;

/** The consent index rebuilt from the ledger equals the one the live writes made, for thousands of numbers. */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ConsentIndexRebuildIT {
    static final int NUMBERS = 4_000;
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    ConsentRecorder recorder;

    @Inject
    ConsentIndex index;

    @Inject
    Redis redis;

    @Test
    void wipedEntriesComeBackExactlyFromTheLedger() {
        Random random = new Random(7);
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> programs = List.of("rebuild-a-" + run, "rebuild-b-" + run);
        List<String> numbers = new ArrayList<>();
        List<ConsentRecord> changes = new ArrayList<>();
        Instant t = Instant.now().minusSeconds(3_600);
        for (int i = 0; i < NUMBERS; i++) {
            // A number of its own: the machine's Redis keeps other runs' consent entries, whose ledger rows may be
            // gone (a dropped database), and the rebuild restores only what the ledger holds.
            String number = TestNumbers.frenchMobile();
            while (numbers.contains(number) || !snapshot(List.of(number)).get(number).isEmpty()) {
                number = TestNumbers.frenchMobile();
            }
            numbers.add(number);
            int count = 1 + random.nextInt(4);
            for (int c = 0; c < count; c++) {
                t = t.plusMillis(1 + random.nextInt(3));
                changes.add(ConsentRecord.of(change(number, programs.get(random.nextInt(2)), random.nextInt(10), t),
                        "rebuild-test"));
            }
        }
        // Applied out of order: last-writer-wins on the received time makes the order irrelevant.
        Collections.shuffle(changes, random);
        for (int from = 0; from < changes.size(); from += 1_000) {
            recorder.record(changes.subList(from, Math.min(changes.size(), from + 1_000)));
        }
        Map<String, Map<String, String>> live = snapshot(numbers);
        long granted = live.values().stream().flatMap(m -> m.values().stream()).filter(v -> v.startsWith("G:"))
                .count();
        long revoked = live.values().stream().flatMap(m -> m.values().stream()).filter(v -> v.startsWith("R:"))
                .count();
        System.out.printf("consent index of %d numbers from %d changes: %d grants, %d revocations%n", NUMBERS,
                changes.size(), granted, revoked);
        assertTrue(granted > NUMBERS / 4 && revoked > NUMBERS / 4, granted + " / " + revoked);

        wipe(numbers);
        assertTrue(snapshot(numbers).values().stream().allMatch(Map::isEmpty), "wiped");
        Number records = given().auth().oauth2(TestTokens.token("admin")).post("/consents/index/rebuild").then()
                .statusCode(200).extract().path("records");
        long indexed = changes.stream().filter(c -> ConsentIndex.Entry.of(c.toChange()).isPresent()).count();
        assertTrue(records.longValue() >= indexed, records + " ledger records read, " + indexed + " of this test");

        // Only this test's entries: another suite's consent change to a colliding number may still be on its way
        // through the consumer (it reaches the ledger and the index later, whatever this test does).
        assertEquals(ours(live), ours(snapshot(numbers)));
    }

    /** The entries written by this test's records (ids {@code rebuild-<uuid>}), per number. */
    private static Map<String, Map<String, String>> ours(Map<String, Map<String, String>> entries) {
        Map<String, Map<String, String>> ours = new HashMap<>();
        entries.forEach((number, fields) -> {
            Map<String, String> kept = new HashMap<>();
            fields.forEach((field, value) -> {
                if (value.substring(value.indexOf(':', 2) + 1).startsWith("rebuild-")) {
                    kept.put(field, value);
                }
            });
            ours.put(number, kept);
        });
        return ours;
    }

    /** One of: a grant (4 in 10), a pending grant, a revocation, an opt-out, an opt-out of everything, an opt-in. */
    private static ConsentChanged change(String number, String program, int kind, Instant at) {
        String id = "rebuild-" + UUID.randomUUID();
        return switch (kind) {
            case 0, 1, 2, 3 -> grant(id, number, program, at, null);
            case 4 -> grant(id, number, program, at, Boolean.TRUE);
            case 5, 6 -> new ConsentChanged(id, ConsentAction.CONSENT_REVOKED, number, program, ConsentSource.API, null,
                    null, "test", null, false, at, at, null, null, "api", "rebuild-test", null, null);
            case 7 -> new ConsentChanged(id, ConsentAction.OPT_OUT, number, program, ConsentSource.KEYWORD, "STOP", "en",
                    "test", "ACME", false, at);
            case 8 -> new ConsentChanged(id, ConsentAction.OPT_OUT_ALL, number, null, ConsentSource.KEYWORD, "STOPALL",
                    "en", "test", "ACME", false, at);
            default -> new ConsentChanged(id, ConsentAction.OPT_IN, number, program, ConsentSource.KEYWORD, "START", "en",
                    "test", "ACME", false, at);
        };
    }

    private static ConsentChanged grant(String id, String number, String program, Instant at, Boolean pending) {
        return new ConsentChanged(id, ConsentAction.CONSENT_GRANTED, number, program, ConsentSource.WEB_FORM, null, null,
                "test", null, false, at, at.minusSeconds(60), "Yes, send me offers", "203.0.113.7", "web",
                "rebuild-test", pending, null);
    }

    private Map<String, Map<String, String>> snapshot(List<String> numbers) {
        RedisBatch batch = new RedisBatch();
        Map<String, RedisBatch.Reply<Map<String, String>>> replies = new HashMap<>();
        for (String number : numbers) {
            replies.put(number, index.entries(batch, number));
        }
        batch.execute(redis, TIMEOUT);
        Map<String, Map<String, String>> entries = new HashMap<>();
        replies.forEach((number, reply) -> entries.put(number, reply.get()));
        return entries;
    }

    private void wipe(List<String> numbers) {
        RedisBatch batch = new RedisBatch();
        for (String number : numbers) {
            batch.add(Request.cmd(Command.DEL).arg(ConsentIndex.key(number)), r -> null);
        }
        batch.execute(redis, TIMEOUT);
    }
}
