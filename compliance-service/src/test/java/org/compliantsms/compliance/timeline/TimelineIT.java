package org.compliantsms.compliance.timeline;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.compliantsms.compliance.consent.ConsentRecorder;
import org.compliantsms.compliance.consent.TestConsents;
import org.compliantsms.events.ConsentAction;
import org.compliantsms.events.ConsentChanged;
import org.compliantsms.events.ConsentSource;
import org.compliantsms.events.DeliveryStatus;
import org.compliantsms.events.MessageRejected;
import org.compliantsms.events.MessageRequested;
import org.compliantsms.events.MessageStatus;
import org.compliantsms.events.PhoneNumbers;
import org.compliantsms.events.RejectionReason;
import org.compliantsms.events.SuppressionScope;
import org.compliantsms.suppression.SuppressionIndex;
import org.compliantsms.testing.PlatformTestResource;
import org.compliantsms.testing.TestEvents;
import org.compliantsms.testing.TestNumbers;
import org.compliantsms.testing.TestProducer;
import org.compliantsms.testing.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The timeline through the real broker and PostgreSQL: what support and an auditor read back. */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class TimelineIT {

    @Inject
    TimelineStore store;

    @Inject
    SuppressionIndex index;

    @Inject
    ConsentRecorder consents;

    @Test
    void anApprovedMessagesHistoryGoesFromItsRequestToItsReceipt() {
        String number = TestNumbers.frenchMobile();
        TestConsents.grant(consents, number, "promo");
        MessageRequested request = TestEvents.marketing(number, "promo");
        TestProducer.send(request);
        Await.until("requested and approved", () -> store.ofMessage(request.messageId()).size() == 2);
        Instant later = Instant.now().plusSeconds(1);
        TestProducer.send(status(request, DeliveryStatus.SUBMITTED, null, later));
        TestProducer.send(status(request, DeliveryStatus.DELIVERED, "000", later.plusSeconds(2)));
        Await.until("two statuses", () -> store.ofMessage(request.messageId()).size() == 4);

        JsonPath history = given().auth().oauth2(TestTokens.token("admin"))
                .get("/messages/" + request.messageId()).then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("REQUESTED", "APPROVED", "STATUS", "STATUS"), history.getList("history.kind"));
        assertEquals("DELIVERED", history.getString("state"));
        assertEquals(number, history.getString("recipient"));
        assertEquals("promo", history.getString("programId"));
        assertEquals("MARKETING", history.getString("category"));
        assertEquals("compliance-service", history.getString("history[1].decidedBy"));
        assertEquals("GSM7", history.getString("history[1].encoding"));
        assertEquals(List.of("SUBMITTED", "DELIVERED"), history.getList("history.findAll { it.kind == 'STATUS' }.status"));
        assertEquals("sim", history.getString("history[3].carrier"));
        assertEquals("000", history.getString("history[3].error"));

        JsonPath forAuditor = given().auth().oauth2(TestTokens.token("auditor"))
                .get("/messages/" + request.messageId()).then().statusCode(200).extract().jsonPath();
        assertEquals(PhoneNumbers.mask(number), forAuditor.getString("recipient"));
        assertFalse(given().auth().oauth2(TestTokens.token("auditor"))
                .get("/messages/" + request.messageId()).asString().contains(number), "masked everywhere");
    }

    @Test
    void aRejectedMessagesHistoryNamesTheReasonAndTheRule() {
        String number = TestNumbers.frenchMobile();
        index.write(number, SuppressionScope.program("promo"), true, Instant.now(), "test-stop").await()
                .atMost(Await.TIMEOUT);
        MessageRequested request = TestEvents.marketing(number, "promo");
        TestProducer.send(request);
        Await.until("requested and rejected", () -> store.ofMessage(request.messageId()).size() == 2);

        JsonPath history = given().auth().oauth2(TestTokens.token("compliance-officer"))
                .get("/messages/" + request.messageId()).then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("REQUESTED", "REJECTED"), history.getList("history.kind"));
        assertEquals("REJECTED", history.getString("state"));
        assertEquals("OPTED_OUT", history.getString("history[1].reason"));
        assertEquals("suppression.opt-out", history.getString("history[1].rule"));
        assertEquals("opted out (program:promo)", history.getString("history[1].detail"));

        given().auth().oauth2(TestTokens.token("admin")).get("/messages/no-such-" + UUID.randomUUID())
                .then().statusCode(404);
    }

    @Test
    void aNumbersTimelineHasItsOptOutWithEvidenceAndEveryMessageAsJsonAndCsv() {
        String number = TestNumbers.frenchMobile();
        TestConsents.grant(consents, number, "promo");
        MessageRequested before = TestEvents.marketing(number, "promo");
        TestProducer.send(before);
        Await.until("the first message decided", () -> store.ofMessage(before.messageId()).size() == 2);
        ConsentChanged stop = new ConsentChanged("test-" + UUID.randomUUID(), ConsentAction.OPT_OUT, number, "promo",
                ConsentSource.KEYWORD, "STOP", "en", "inbound mo-42: \"STOP, please\"", "ACME", false,
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
        TestProducer.send(stop);
        Await.until("the opt-out suppresses", () -> index.suppressingScope(number, "promo").await()
                .atMost(Await.TIMEOUT).isPresent());
        MessageRequested after = TestEvents.marketing(number, "promo");
        TestProducer.send(after);
        Await.until("the whole timeline", () -> store.countOfNumber(number) == 5);

        JsonPath timeline = given().auth().oauth2(TestTokens.token("compliance-officer"))
                .get("/numbers/" + number + "/timeline").then().statusCode(200)
                .contentType("application/json").extract().jsonPath();
        assertEquals(number, timeline.getString("number"));
        assertEquals(1, timeline.getList("consentChanges").size());
        assertEquals("OPT_OUT", timeline.getString("consentChanges[0].consentAction"));
        assertEquals("KEYWORD", timeline.getString("consentChanges[0].consentSource"));
        assertEquals("inbound mo-42: \"STOP, please\"", timeline.getString("consentChanges[0].evidence"));
        assertEquals(stop.occurredAt().toString(), timeline.getString("consentChanges[0].occurredAt"));
        assertEquals(List.of(before.messageId(), after.messageId()), timeline.getList("messages.messageId"));
        assertEquals(List.of("REQUESTED", "APPROVED"), timeline.getList("messages[0].facts.kind"));
        assertEquals(List.of("REQUESTED", "REJECTED"), timeline.getList("messages[1].facts.kind"));
        assertEquals("OPTED_OUT", timeline.getString("messages[1].facts[1].reason"));

        String csv = given().auth().oauth2(TestTokens.token("compliance-officer")).accept("text/csv")
                .get("/numbers/" + number + "/timeline").then().statusCode(200).contentType("text/csv")
                .extract().asString();
        String[] lines = csv.split("\r\n");
        assertEquals(TimelineCsv.HEADER, lines[0]);
        assertEquals(6, lines.length, csv);
        assertTrue(csv.contains(",CONSENT,"), csv);
        assertTrue(csv.contains(",OPT_OUT,KEYWORD,STOP,\"inbound mo-42: \"\"STOP, please\"\"\","), csv);
        assertTrue(csv.contains(",REJECTED,"), csv);
        assertTrue(csv.contains(number), "whole for an auditor");

        String masked = given().auth().oauth2(TestTokens.token("auditor")).accept("text/csv")
                .get("/numbers/" + number + "/timeline").then().statusCode(200).extract().asString();
        assertFalse(masked.contains(number), masked);
        assertTrue(masked.contains(PhoneNumbers.mask(number)), masked);

        given().auth().oauth2(TestTokens.token("compliance-officer")).get("/numbers/0612345678/timeline").then()
                .statusCode(400);
    }

    @Test
    void theSameRecordsDeliveredTwiceLeaveTheSameRows() {
        String number = TestNumbers.frenchMobile();
        MessageRequested request = TestEvents.marketing(number, "promo");
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        MessageRejected rejected = MessageRejected.of(request, RejectionReason.BLOCKED_AT_DISPATCH,
                "opted out before submit", "dispatch-service", at, "dispatch.last-mile");
        MessageStatus failed = status(request, DeliveryStatus.FAILED, "0x45", at.plusSeconds(1));
        ConsentChanged stop = TestEvents.consent(ConsentAction.OPT_OUT, number, "alerts", at);
        TestProducer.sendAll(List.of(rejected, failed, stop));
        Await.until("three facts", () -> store.countOfNumber(number) == 3);
        List<Fact> first = facts(number);

        // Delivered again, each topic's redeliveries followed by a new fact on the same partition (same key): once
        // the three new facts are kept, every redelivery before them was handled.
        MessageRequested other = TestEvents.marketing(number, "alerts");
        TestProducer.sendAll(List.of(rejected, failed, stop, rejected, failed, stop,
                MessageRejected.of(other, RejectionReason.EXPIRED, "too late", "dispatch-service", at, "valid-until"),
                status(request, DeliveryStatus.DELIVERED, null, at.plusSeconds(2)),
                TestEvents.consent(ConsentAction.OPT_IN, number, "alerts", at.plusSeconds(3))));
        Await.until("the three new facts", () -> store.countOfNumber(number) >= 6);

        List<Fact> second = facts(number);
        assertEquals(6, second.size(), second.toString());
        assertTrue(second.containsAll(first), "the first rows unchanged");
        assertEquals(Map.of("REJECTED", 2L, "STATUS", 2L, "CONSENT", 2L), kinds(second));
    }

    private List<Fact> facts(String number) {
        List<Fact> facts = new ArrayList<>();
        store.allOfNumber(number, facts::add);
        return facts;
    }

    private static Map<String, Long> kinds(List<Fact> facts) {
        return facts.stream().collect(Collectors.groupingBy(f -> f.kind().name(),
                Collectors.counting()));
    }

    static MessageStatus status(MessageRequested request, DeliveryStatus status, String error, Instant at) {
        return new MessageStatus(request.messageId(), request.programId(), request.campaignId(), request.recipient(),
                status, "sim", "c-" + request.messageId(), error, at);
    }
}
