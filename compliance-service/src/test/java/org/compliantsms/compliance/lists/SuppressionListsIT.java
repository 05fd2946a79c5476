package org.compliantsms.compliance.lists;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.compliantsms.compliance.consent.ConsentRecorder;
import org.compliantsms.compliance.consent.TestConsents;
import org.compliantsms.events.ConsentChanged;
import org.compliantsms.events.ConsentSource;
import org.compliantsms.events.MessageApproved;
import org.compliantsms.events.MessageRejected;
import org.compliantsms.events.MessageRequested;
import org.compliantsms.events.RejectionReason;
import org.compliantsms.events.Topics;
import org.compliantsms.testing.PlatformTestResource;
import org.compliantsms.testing.PublishedOpenApi;
import org.compliantsms.testing.TestEvents;
import org.compliantsms.testing.TestNumbers;
import org.compliantsms.testing.TestProducer;
import org.compliantsms.testing.TestTokens;
import org.compliantsms.testing.TopicProbe;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The list API through the real broker, Redis and PostgreSQL. */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SuppressionListsIT {
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TestHTTPResource("/q/openapi")
    URL openapi;

    @Inject
    ConsentRecorder consents;

    static String officer() {
        return TestTokens.token("compliance-officer");
    }

    static Response optOut(String token, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType("application/json").body(body).post("/lists/suppression/opt-outs");
    }

    static String program() {
        return "lists-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void anOptOutByTheApiIsDurableAndEffectiveWhenAnsweredAndItsLiftToo() {
        String number = TestNumbers.frenchMobile();
        String program = program();
        try (TopicProbe consent = TopicProbe.open(Topics.CONSENT_CHANGED);
                TopicProbe approved = TopicProbe.open(Topics.MESSAGE_APPROVED);
                TopicProbe rejected = TopicProbe.open(Topics.MESSAGE_REJECTED)) {
            String eventId = optOut(officer(), Map.of("number", number, "programId", program, "reason",
                    "asked by e-mail", "channel", "email"))
                    .then().statusCode(200).body("number", equalTo(number)).body("action", equalTo("OPT_OUT"))
                    .body("scope", equalTo("program:" + program)).body("alreadyInEffect", equalTo(false))
                    .extract().path("eventId");
            // durable: the event is on the topic, from the API
            ConsentChanged change = consent.awaitEvent(ConsentChanged.class, c -> c.eventId().equals(eventId), TIMEOUT);
            assertEquals(ConsentSource.API, change.source());
            assertTrue(change.evidence().contains("EMAIL") && change.evidence().contains("asked by e-mail"),
                    change.evidence());
            // effective: a message screened right after is rejected
            MessageRequested blocked = TestEvents.marketing(number, program);
            TestProducer.send(blocked);
            MessageRejected rejection = rejected.awaitEvent(MessageRejected.class,
                    r -> r.messageId().equals(blocked.messageId()), TIMEOUT);
            assertEquals(RejectionReason.OPTED_OUT, rejection.reason());
            given().auth().oauth2(TestTokens.token("auditor")).get("/lists/suppression/numbers/" + number
                    + "?programId=" + program).then().statusCode(200)
                    .body("suppressed", equalTo(true)).body("suppressedBy", equalTo("program:" + program))
                    .body("number", containsString("*"));

            given().auth().oauth2(officer()).contentType("application/json")
                    .body(Map.of("number", number, "programId", program, "reason", "asked again"))
                    .post("/lists/suppression/lifts").then().statusCode(200).body("action", equalTo("OPT_IN"));
            TestConsents.grant(consents, number, program);
            MessageRequested allowed = TestEvents.marketing(number, program);
            TestProducer.send(allowed);
            approved.awaitEvent(MessageApproved.class, a -> a.messageId().equals(allowed.messageId()), TIMEOUT);
            given().auth().oauth2(officer()).get("/lists/suppression/numbers/" + number + "?programId=" + program)
                    .then().statusCode(200).body("suppressed", equalTo(false)).body("number", equalTo(number));
        }
    }

    @Test
    void anOptOutOfAllBlocksEveryProgramUntilAnAdminLiftsIt() {
        String number = TestNumbers.frenchMobile();
        try (TopicProbe approved = TopicProbe.open(Topics.MESSAGE_APPROVED);
                TopicProbe rejected = TopicProbe.open(Topics.MESSAGE_REJECTED)) {
            optOut(TestTokens.token("admin"), Map.of("number", number, "scope", "ALL", "reason", "phone call"))
                    .then().statusCode(200).body("action", equalTo("OPT_OUT_ALL")).body("scope", equalTo("global"));
            MessageRequested first = TestEvents.marketing(number, program());
            TestProducer.send(first);
            assertEquals(RejectionReason.OPTED_OUT, rejected.awaitEvent(MessageRejected.class,
                    r -> r.messageId().equals(first.messageId()), TIMEOUT).reason());

            given().auth().oauth2(TestTokens.token("admin")).contentType("application/json")
                    .body(Map.of("number", number, "scope", "ALL", "programId", "acme-alerts", "reason",
                            "written consent"))
                    .post("/lists/suppression/lifts").then().statusCode(200).body("action", equalTo("OPT_IN_ALL"));
            String consented = program();
            TestConsents.grant(consents, number, consented);
            MessageRequested second = TestEvents.marketing(number, consented);
            TestProducer.send(second);
            approved.awaitEvent(MessageApproved.class, a -> a.messageId().equals(second.messageId()), TIMEOUT);
        }
    }

    @Test
    void badRequestsAreRefusedWithTheirReasonAndOnlyOfficersAndAdminsChangeTheLists() {
        String number = TestNumbers.frenchMobile();
        optOut(officer(), Map.of("number", "12", "programId", "p")).then().statusCode(400)
                .body("error", containsString("invalid number"));
        optOut(officer(), Map.of("number", number)).then().statusCode(400)
                .body("error", containsString("missing programId"));
        optOut(officer(), Map.of("number", number, "scope", "SOME", "programId", "p")).then().statusCode(400)
                .body("error", containsString("unknown scope"));
        optOut(TestTokens.token("auditor"), Map.of("number", number, "programId", "p")).then().statusCode(403);
        optOut(TestTokens.token("campaign-sender", "p"), Map.of("number", number, "programId", "p")).then()
                .statusCode(403);
        given().contentType("application/json").body(Map.of("number", number, "programId", "p"))
                .post("/lists/suppression/opt-outs").then().statusCode(401);
        given().auth().oauth2(TestTokens.token("campaign-sender", "p")).get("/lists/suppression/counts").then()
                .statusCode(403);
        given().auth().oauth2(TestTokens.token("compliance-officer")).get("/admin/suppression-index").then()
                .statusCode(403);
        given().auth().oauth2(TestTokens.token("admin")).get("/admin/suppression-index").then().statusCode(200);
    }

    @Test
    void aCsvImportAppliesTheGoodRowsReportsTheBadOnesByLineAndExportsRoundTrip() {
        String program = program();
        int good = 3000;
        List<String> numbers = new ArrayList<>();
        StringBuilder csv = new StringBuilder("number,action,scope,program_id,reason\n");
        Map<Integer, String> badLines = Map.of(11, "invalid number", 502, "unknown action", 1203, "unknown scope",
                2404, "missing column");
        int line = 1;
        for (int i = 0; numbers.size() < good; i++) {
            line++;
            if (badLines.containsKey(line)) {
                csv.append(switch (badLines.get(line)) {
                    case "invalid number" -> "+3300,OPT_OUT,PROGRAM," + program + ",x\n";
                    case "unknown action" -> TestNumbers.frenchMobile() + ",UNSUBSCRIBE,PROGRAM," + program + ",x\n";
                    case "unknown scope" -> TestNumbers.frenchMobile() + ",OPT_OUT,PLANET," + program + ",x\n";
                    default -> ",OPT_OUT\n";
                });
                continue;
            }
            String number = TestNumbers.frenchMobile();
            while (numbers.contains(number)) { // 3,000 random numbers collide in about 4% of runs
                number = TestNumbers.frenchMobile();
            }
            numbers.add(number);
            csv.append(number).append(",OPT_OUT,PROGRAM,").append(program).append(",imported list\n");
        }
        Instant start = Instant.now();
        Response report = given().auth().oauth2(officer()).contentType("text/csv").body(csv.toString())
                .post("/lists/suppression/import");
        Duration took = Duration.between(start, Instant.now());
        report.then().log().ifValidationFails().statusCode(200).body("rows", equalTo(good + 4)).body("applied", equalTo(good))
                .body("rejected", equalTo(4)).body("badRows", hasSize(4));
        List<Map<String, Object>> bad = report.path("badRows");
        for (Map<String, Object> row : bad) {
            int at = (Integer) row.get("line");
            assertTrue(badLines.containsKey(at), "reported line " + at + " is a bad one: " + bad);
            assertTrue(((String) row.get("reason")).contains(badLines.get(at)), row.toString());
        }
        System.out.printf("imported %d rows in %s (%.0f rows/s)%n", good + 4, took,
                (good + 4) / (took.toMillis() / 1000.0));

        given().auth().oauth2(officer()).get("/lists/suppression/counts").then().statusCode(200)
                .body("counts.'program:" + program + "'", equalTo(good));
        String exported = given().auth().oauth2(officer()).accept("text/csv")
                .get("/lists/suppression/export?programId=" + program).then().statusCode(200).extract().asString();
        List<String> lines = exported.lines().toList();
        assertEquals("number,action,scope,program_id,since,event_id", lines.get(0));
        Set<String> exportedNumbers = new HashSet<>();
        lines.stream().skip(1).forEach(l -> exportedNumbers.add(l.split(",")[0]));
        Set<String> missing = new HashSet<>(numbers);
        missing.removeAll(exportedNumbers);
        Set<String> extra = new HashSet<>(exportedNumbers);
        extra.removeAll(numbers);
        assertEquals(0, missing.size() + extra.size(), "the export lists exactly the imported numbers: " + missing.size()
                + " missing, " + extra.size() + " extra, e.g. " + extra.stream().limit(3).toList());

        // the export imports as it is: nothing rejected, every row already in effect, the count unchanged
        given().auth().oauth2(officer()).contentType("text/csv").body(exported).post("/lists/suppression/import")
                .then().statusCode(200).body("rows", equalTo(lines.size() - 1)).body("rejected", equalTo(0))
                .body("alreadyInEffect", equalTo(lines.size() - 1));
        given().auth().oauth2(officer()).get("/lists/suppression/counts").then()
                .body("counts.'program:" + program + "'", equalTo(good));
        // an auditor reads the export with masked numbers
        String masked = given().auth().oauth2(TestTokens.token("auditor")).accept("text/csv")
                .get("/lists/suppression/export?programId=" + program).then().statusCode(200).extract().asString();
        assertTrue(masked.lines().skip(1).allMatch(l -> l.split(",")[0].contains("*")), "masked for an auditor");
    }

    @Test
    void aCsvWithoutTheNumberColumnIsRefused() {
        given().auth().oauth2(officer()).contentType("text/csv").body("phone,action\n+33612345678,OPT_OUT\n")
                .post("/lists/suppression/import").then().statusCode(400)
                .body("error", containsString("missing column 'number'"));
    }

    @Test
    void thePublishedOpenApiDocumentIsThisServices() {
        PublishedOpenApi.assertPublished("compliance-service", openapi);
    }
}
