package org.compliantsms.compliance.honour;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.compliantsms.batch.Received;
import org.compliantsms.compliance.suppression.ConsentChangeConsumer;
import org.compliantsms.events.ConsentAction;
import org.compliantsms.events.ConsentChanged;
import org.compliantsms.events.EventCodec;
import org.compliantsms.events.Topics;
import org.compliantsms.testing.PlatformTestResource;
import org.compliantsms.testing.TestEvents;
import org.compliantsms.testing.TestNumbers;
import org.compliantsms.testing.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Time to honour end to end: opt-outs by the API and by keyword, in PostgreSQL, reported against the deadline. */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class OptOutReportIT {

    @Inject
    ConsentChangeConsumer consumer;

    @Test
    void theReportListsEachOptOutReceivedToEffectiveAndFlagsTheOverdueOne() {
        String program = "honour-" + UUID.randomUUID().toString().substring(0, 8);
        String onTime = TestNumbers.frenchMobile();
        String late = TestNumbers.frenchMobile();
        String keyword = TestNumbers.frenchMobile();
        Instant from = Instant.now().minusSeconds(1);
        String officer = TestTokens.token("compliance-officer");
        given().auth().oauth2(officer).contentType("application/json")
                .body(Map.of("number", onTime, "programId", program, "channel", "WEB_FORM"))
                .post("/lists/suppression/opt-outs").then().statusCode(200);
        // An e-mail that support records three days after it came: France's "without undue delay" (1 day) is missed.
        Instant asked = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        given().auth().oauth2(officer).contentType("application/json")
                .body(Map.of("number", late, "programId", program, "channel", "EMAIL", "requestedAt", asked.toString()))
                .post("/lists/suppression/opt-outs").then().statusCode(200);
        // A keyword opt-out (inbound's) as compliance consumes it: its effect is recorded too.
        ConsentChanged stop = TestEvents.consent(ConsentAction.OPT_OUT, keyword, program, Instant.now());
        consumer.handle(List.of(new Received<>(stop, new ConsumerRecord<>(Topics.CONSENT_CHANGED, 0, 0L, keyword,
                EventCodec.encode(stop)))));

        String to = Instant.now().plusSeconds(1).toString();
        var report = given().auth().oauth2(officer).accept("application/json")
                .get("/reports/opt-outs?programId=" + program + "&from=" + from + "&to=" + to)
                .then().statusCode(200).body("count", equalTo(3)).body("overdue", equalTo(1)).extract();
        List<Map<String, Object>> rows = report.path("optOuts");
        Map<String, Object> first = rows.stream().filter(r -> onTime.equals(r.get("number"))).findFirst().orElseThrow();
        assertEquals(false, first.get("overdue"));
        assertEquals("WEB_FORM", first.get("channel"));
        assertEquals("FR", first.get("country"));
        assertTrue(((String) first.get("rule")).startsWith("EU: within PT24H"), (String) first.get("rule"));
        Instant received = Instant.parse((String) first.get("receivedAt"));
        Instant effective = Instant.parse((String) first.get("effectiveAt"));
        assertFalse(effective.isBefore(received));
        assertTrue(Duration.between(received, effective).toSeconds() < 5, "effective at once: " + first);

        Map<String, Object> overdue = rows.stream().filter(r -> late.equals(r.get("number"))).findFirst().orElseThrow();
        assertEquals(true, overdue.get("overdue"));
        assertEquals(asked, Instant.parse((String) overdue.get("requestedAt")));
        assertTrue(((Number) overdue.get("secondsToEffect")).doubleValue() >= 3 * 86400, overdue.toString());

        Map<String, Object> fromKeyword = rows.stream().filter(r -> keyword.equals(r.get("number"))).findFirst()
                .orElseThrow();
        assertEquals("KEYWORD", fromKeyword.get("source"));
        assertNotNull(fromKeyword.get("effectiveAt"));
        assertEquals(false, fromKeyword.get("overdue"));

        String csv = given().auth().oauth2(TestTokens.token("auditor")).accept("text/csv")
                .get("/reports/opt-outs?programId=" + program + "&from=" + from + "&to=" + to)
                .then().statusCode(200).extract().asString();
        List<String> lines = csv.lines().toList();
        assertEquals(4, lines.size(), csv);
        assertTrue(lines.get(0).startsWith("eventId,number,country,programId"), lines.get(0));
        assertTrue(lines.stream().skip(1).noneMatch(l -> l.contains(onTime) || l.contains(late)),
                "an auditor sees masked numbers");
        assertEquals(1, lines.stream().filter(l -> l.endsWith(",true")).count(), csv);
    }

    @Test
    void aBadPeriodIsRefusedAndOnlyReviewRolesReadTheReport() {
        given().auth().oauth2(TestTokens.token("auditor")).get("/reports/opt-outs?from=yesterday").then()
                .statusCode(400).body("error", org.hamcrest.Matchers.containsString("from"));
        given().auth().oauth2(TestTokens.token("campaign-sender", "p")).get("/reports/opt-outs").then()
                .statusCode(403);
        given().get("/reports/opt-outs").then().statusCode(401);
    }
}
