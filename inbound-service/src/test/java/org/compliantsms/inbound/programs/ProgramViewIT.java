package org.compliantsms.inbound.programs;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.compliantsms.events.Category;
import org.compliantsms.events.ConsentChanged;
import org.compliantsms.events.Program;
import org.compliantsms.events.Topics;
import org.compliantsms.testing.PlatformTestResource;
import org.compliantsms.testing.TestNumbers;
import org.compliantsms.testing.TestProducer;
import org.compliantsms.testing.TopicProbe;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * A reply's destination mapped to its program from the real sms.programs.v1: a program's short code and number are
 * its own as soon as it is published, a STOP there opts out of that program, an older version never wins, a
 * malformed record is skipped, a tombstone frees the destinations. Each test's programs and codes are fresh.
 */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ProgramViewIT {
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    ProgramDirectory directory;

    static String shortCode() {
        return "9" + (1_000_000 + ThreadLocalRandom.current().nextInt(9_000_000));
    }

    static Program program(String id, long version, String... shortCodes) {
        List<Program.Sender> senders = new java.util.ArrayList<>();
        for (String code : shortCodes) {
            senders.add(new Program.Sender(Program.SenderType.SHORT_CODE, code, List.of("FR")));
        }
        senders.add(new Program.Sender(Program.SenderType.ALPHANUMERIC, "VIEWTEST", null));
        return new Program(id, Category.MARKETING, senders, "help", Map.of("fr", "STOP au {sender}"), List.of("FR"),
                Map.of(), "fr", version, Instant.now());
    }

    @Test
    void theViewIsCompleteOnceCaughtUpAndSaysSo() {
        await().atMost(TIMEOUT).until(directory::ready);
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'programs-view' }.status", equalTo("UP"));
    }

    @Test
    void aPublishedProgramOwnsItsDestinationsAndAStopThereOptsOutOfIt() {
        await().atMost(TIMEOUT).until(directory::ready);
        String id = "view-" + UUID.randomUUID().toString().substring(0, 8);
        String code = shortCode();
        String number = TestNumbers.frenchMobile();
        assertEquals(Optional.empty(), directory.programOf(code), "no program claims a fresh code yet");

        Program program = program(id, 1, code);
        List<Program.Sender> senders = new java.util.ArrayList<>(program.senders());
        senders.add(new Program.Sender(Program.SenderType.NUMBER, number, null));
        TestProducer.send(new Program(id, Category.MARKETING, senders, null, null, null, null, null, 1, Instant.now()));
        await().atMost(TIMEOUT).until(() -> directory.programOf(code).equals(Optional.of(id)));
        assertEquals(Optional.of(id), directory.programOf(number));
        assertEquals(Optional.of(id), directory.programOf(number.substring(1)), "a number written without its +");
        assertEquals(Optional.empty(), directory.programOf("VIEWTEST"), "an alphanumeric id receives no reply");

        String replier = TestNumbers.frenchMobile();
        try (TopicProbe consent = TopicProbe.open(Topics.CONSENT_CHANGED)) {
            given().contentType(ContentType.JSON).body("{\"messageId\":\"SM" + UUID.randomUUID() + "\",\"from\":\""
                    + replier + "\",\"to\":\"" + code + "\",\"text\":\"STOP\",\"carrier\":\"test-carrier\"}")
                    .post("/webhooks/inbound").then().statusCode(200).body("action", equalTo("OPT_OUT"));
            ConsentChanged change = consent.awaitEvent(ConsentChanged.class, c -> replier.equals(c.recipient()),
                    TIMEOUT);
            assertEquals(id, change.programId(), "the STOP is scoped to the program that owns the code");
        }
        TestProducer.send(Topics.PROGRAMS, id, null, Map.of());
        await().atMost(TIMEOUT).until(() -> directory.programOf(code).isEmpty());
        assertEquals(Optional.empty(), directory.programOf(number), "a tombstone frees every destination");
    }

    @Test
    void anOlderVersionOrAMalformedRecordNeverReplacesTheProgram() {
        await().atMost(TIMEOUT).until(directory::ready);
        String id = "view-" + UUID.randomUUID().toString().substring(0, 8);
        String first = shortCode();
        String moved = shortCode();
        TestProducer.send(program(id, 2, moved));
        await().atMost(TIMEOUT).until(() -> directory.programOf(moved).equals(Optional.of(id)));

        TestProducer.send(program(id, 1, first)); // stale: a replica's late send
        TestProducer.send(Topics.PROGRAMS, id, "{not json".getBytes(StandardCharsets.UTF_8), Map.of());
        // A later record on the same key (same partition) proves both were read before it.
        TestProducer.send(program(id, 3, moved, shortCode()));
        await().atMost(TIMEOUT).until(() -> directory.programOf(moved).equals(Optional.of(id))
                && directory.programOf(first).isEmpty() && viewHasVersion(id, 3));
        assertEquals(Optional.empty(), directory.programOf(first), "version 1 came after version 2: ignored");
        assertTrue(view.reader().malformed() >= 1, "the malformed record was counted");
        TestProducer.send(Topics.PROGRAMS, id, null, Map.of());
        await().atMost(TIMEOUT).until(() -> directory.programOf(moved).isEmpty());
    }

    @Inject
    ProgramView view;

    private boolean viewHasVersion(String id, long version) {
        return view.program(id).map(p -> p.version() == version).orElse(false);
    }
}
