package org.compliantsms.compliance.consent;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.compliantsms.events.Category;
import org.compliantsms.events.ConsentAction;
import org.compliantsms.events.ConsentChanged;
import org.compliantsms.events.ConsentSource;
import org.compliantsms.events.MessageApproved;
import org.compliantsms.events.MessageRejected;
import org.compliantsms.events.MessageRequested;
import org.compliantsms.events.RejectionReason;
import org.compliantsms.events.SuppressionState;
import org.compliantsms.events.Topics;
import org.compliantsms.testing.PlatformTestResource;
import org.compliantsms.testing.PublishedOpenApi;
import org.compliantsms.testing.TestEvents;
import org.compliantsms.testing.TestNumbers;
import org.compliantsms.testing.TestProducer;
import org.compliantsms.testing.TestTokens;
import org.compliantsms.testing.TopicProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Consent through the real broker, Redis and PostgreSQL: the jurisdiction rule, the API that records grants and
 * revocations with their evidence, the ledger the consent-changed consumer keeps, and who may call what.
 */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ConsentIT {
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final String OFFICER = TestTokens.token("compliance-officer");

    @Inject
    DataSource dataSource;

    @TestHTTPResource("/q/openapi")
    URL openapi;

    TopicProbe approved;
    TopicProbe rejected;
    /** A program of this test alone: nothing another run recorded can grant or revoke in it. */
    String program;

    @BeforeEach
    void open() {
        approved = TopicProbe.open(Topics.MESSAGE_APPROVED);
        rejected = TopicProbe.open(Topics.MESSAGE_REJECTED);
        program = "consent-it-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void close() {
        approved.close();
        rejected.close();
    }

    @Test
    void marketingWithoutConsentIsRejectedNoConsentInFranceAndTheUsAndApprovedWithTheConsentIdAfterAGrant() {
        String fr = TestNumbers.frenchMobile();
        String us = TestNumbers.usMobile();
        MessageRequested toFr = TestEvents.marketing(fr, program);
        MessageRequested toUs = TestEvents.marketing(us, program);
        TestProducer.sendAll(List.of(toFr, toUs));
        for (MessageRequested request : List.of(toFr, toUs)) {
            MessageRejected rejection = awaitRejection(request);
            assertEquals(RejectionReason.NO_CONSENT, rejection.reason(), rejection.detail());
            assertEquals("marketing.consent", rejection.rule());
        }

        String frConsent = grant(fr).statusCode(201).body("state", equalTo("GRANTED")).extract().path("id");
        String usConsent = grant(us).statusCode(201).extract().path("id");
        MessageRequested frAgain = TestEvents.marketing(fr, program);
        MessageRequested usAgain = TestEvents.marketing(us, program);
        TestProducer.sendAll(List.of(frAgain, usAgain));
        assertEquals(frConsent, awaitApproval(frAgain).consentId());
        assertEquals(usConsent, awaitApproval(usAgain).consentId());
    }

    @Test
    void transactionalNeedsNoConsentButStillHonoursAnOptOut() {
        String number = TestNumbers.frenchMobile();
        MessageRequested code = TestEvents.request(number, program, Category.TRANSACTIONAL, "Your code is 1234");
        TestProducer.send(code);
        assertNull(awaitApproval(code).consentId(), "no consent was needed, none is named");

        optOut(number);
        MessageRequested after = TestEvents.request(number, program, Category.TRANSACTIONAL, "Your code is 5678");
        TestProducer.send(after);
        MessageRejected rejection = awaitRejection(after);
        assertEquals(RejectionReason.OPTED_OUT, rejection.reason());
        assertEquals("suppression.opt-out", rejection.rule());
    }

    @Test
    void aRevocationIsEffectiveAtOnceAndAKeywordOptOutWithdrawsConsentToo() {
        String revoked = TestNumbers.frenchMobile();
        String stopped = TestNumbers.frenchMobile();
        grant(revoked).statusCode(201);
        grant(stopped).statusCode(201);
        MessageRequested before = TestEvents.marketing(revoked, program);
        TestProducer.send(before);
        awaitApproval(before);

        String revocation = given().auth().oauth2(OFFICER).contentType(ContentType.JSON)
                .body(Map.of("recipient", revoked, "programId", program, "source", "PAPER",
                        "channel", "paper:branch 12", "evidence", "letter of 1 December"))
                .post("/consents/revocations").then().statusCode(201).body("state", equalTo("REVOKED"))
                .extract().path("id");
        optOut(stopped);
        MessageRequested afterRevocation = TestEvents.marketing(revoked, program);
        MessageRequested afterStop = TestEvents.marketing(stopped, program);
        MessageRequested transactional = TestEvents.request(revoked, program, Category.TRANSACTIONAL, "Receipt 42");
        TestProducer.sendAll(List.of(afterRevocation, afterStop, transactional));

        assertEquals(RejectionReason.NO_CONSENT, awaitRejection(afterRevocation).reason());
        assertEquals(RejectionReason.OPTED_OUT, awaitRejection(afterStop).reason(), "suppression decides first");
        awaitApproval(transactional); // a revoked marketing consent is not an opt-out
        given().auth().oauth2(OFFICER).get("/consents/" + revoked).then().statusCode(200)
                .body("programs.find { it.programId == '" + program + "' }.state", equalTo("REVOKED"))
                .body("programs.find { it.programId == '" + program + "' }.recordId", equalTo(revocation));
        given().auth().oauth2(OFFICER).get("/consents/" + stopped).then().statusCode(200)
                .body("programs.find { it.programId == '" + program + "' }.state", equalTo("REVOKED"));
    }

    @Test
    void everyChangeIsALedgerRowWithItsEvidenceKeptOnceUnderRedelivery() throws SQLException {
        String number = TestNumbers.frenchMobile();
        Instant given = Instant.parse("2026-11-30T18:02:11.250Z");
        String id = "form-" + UUID.randomUUID();
        given().auth().oauth2(OFFICER).contentType(ContentType.JSON)
                .body(Map.of("id", id, "recipient", number, "programId", program, "source", "WEB_FORM",
                        "shownText", "Yes, text me ACME offers. Reply STOP to opt out.", "givenAt", given.toString(),
                        "ipAddress", "203.0.113.7", "channel", "web", "evidence", "https://acme.example/sms-signup"))
                .post("/consents").then().statusCode(201).body("id", equalTo(id));
        // The consumer sees the API's own event, and a redelivery of a keyword opt-out: each recorded once.
        ConsentChanged stop = TestEvents.consent(ConsentAction.OPT_OUT, number, program, Instant.now());
        TestProducer.send(stop);
        TestProducer.send(stop);
        awaitLedgerRows(number, 2);
        ConsentChanged imported = new ConsentChanged("import-" + UUID.randomUUID(), ConsentAction.CONSENT_GRANTED,
                number, program, ConsentSource.IMPORT, null, null, "crm export 2026-11", null, false,
                Instant.now().plusSeconds(1), Instant.parse("2025-03-01T09:00:00Z"), "Paper form v3", null,
                "paper", "crm-import", null, null);
        TestProducer.send(imported);
        TestProducer.send(imported);
        awaitLedgerRows(number, 3);
        sleep(1_000); // the redeliveries had their chance
        assertEquals(3, ledgerRows(number), "one row per eventId");

        ValidatableResponse view = given().auth().oauth2(TestTokens.token("auditor")).get("/consents/" + number)
                .then().statusCode(200).body("recipient", equalTo(number));
        view.body("records.id", equalTo(List.of(id, stop.eventId(), imported.eventId())));
        view.body("records[0].source", equalTo("WEB_FORM"))
                .body("records[0].shownText", equalTo("Yes, text me ACME offers. Reply STOP to opt out."))
                .body("records[0].givenAt", equalTo("2026-11-30T18:02:11.250Z"))
                .body("records[0].ipAddress", equalTo("203.0.113.7"))
                .body("records[0].channel", equalTo("web"))
                .body("records[0].actor", equalTo("test-compliance-officer"))
                .body("records[1].action", equalTo("OPT_OUT"))
                .body("records[1].source", equalTo("KEYWORD"))
                .body("records[1].keyword", equalTo("STOP"))
                .body("records[2].actor", equalTo("crm-import"));
        view.body("programs.find { it.programId == '" + program + "' }.state", equalTo("GRANTED"))
                .body("programs.find { it.programId == '" + program + "' }.recordId", equalTo(imported.eventId()));
        assertTrue(view.extract().path("records[0].receivedAt") != null);
    }

    @Test
    void aDoubleOptInGrantIsPendingUntilConfirmed() {
        String number = TestNumbers.frenchMobile();
        String pending = given().auth().oauth2(OFFICER).contentType(ContentType.JSON)
                .body(Map.of("recipient", number, "programId", program, "source", "WEB_FORM",
                        "shownText", "Reply YES to receive ACME offers", "doubleOptIn", true))
                .post("/consents").then().statusCode(201).body("state", equalTo("PENDING")).extract().path("id");
        MessageRequested early = TestEvents.marketing(number, program);
        TestProducer.send(early);
        assertEquals(RejectionReason.NO_CONSENT, awaitRejection(early).reason());
        given().auth().oauth2(OFFICER).get("/consents/" + number).then()
                .body("programs.find { it.programId == '" + program + "' }.state", equalTo("PENDING"));

        given().auth().oauth2(OFFICER).contentType(ContentType.JSON)
                .body(Map.of("channel", "sms:36180", "evidence", "replied YES"))
                .post("/consents/" + pending + "/confirmation").then().statusCode(201)
                .body("confirms", equalTo(pending)).body("state", equalTo("GRANTED"));
        given().auth().oauth2(OFFICER).contentType(ContentType.JSON).body(Map.of())
                .post("/consents/" + pending + "/confirmation").then().statusCode(409);
        given().auth().oauth2(OFFICER).contentType(ContentType.JSON).body(Map.of())
                .post("/consents/no-such-record/confirmation").then().statusCode(404);
        MessageRequested confirmed = TestEvents.marketing(number, program);
        TestProducer.send(confirmed);
        assertEquals(pending, awaitApproval(confirmed).consentId(), "the grant, with its shown text, allowed it");
    }

    @Test
    void badRequestsAreRefusedWithEveryProblemAndNothingIsRecorded() throws SQLException {
        String number = TestNumbers.frenchMobile();
        given().auth().oauth2(OFFICER).contentType(ContentType.JSON)
                .body(Map.of("recipient", "0612345678", "programId", "bad program!", "givenAt", "2099-01-01T00:00:00Z"))
                .post("/consents").then().statusCode(400).body("error", equalTo("invalid consent request"))
                .body("problems.size()", equalTo(5));
        given().auth().oauth2(OFFICER).contentType(ContentType.JSON)
                .body(Map.of("recipient", number, "programId", program, "source", "WEB_FORM"))
                .post("/consents").then().statusCode(400)
                .body("problems", hasItem("shownText is required: the text the person was shown and agreed to"));
        given().auth().oauth2(OFFICER).get("/consents/not-a-number").then().statusCode(400);
        assertEquals(0, ledgerRows(number));
    }

    @Test
    void onlyComplianceOfficersAndAdminsRecordAuditorsReadAndNoTokenIsUnauthorized() {
        String number = TestNumbers.frenchMobile();
        grant(number, TestTokens.token("admin")).statusCode(201);
        grant(number, TestTokens.token("auditor")).statusCode(403);
        grant(number, TestTokens.token("campaign-sender", program)).statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of()).post("/consents").then().statusCode(401);
        given().auth().oauth2(TestTokens.expired("admin")).get("/consents/" + number).then().statusCode(401);
        given().auth().oauth2(TestTokens.signedByAnotherKey("admin")).get("/consents/" + number).then()
                .statusCode(401);
        given().auth().oauth2(TestTokens.token("campaign-sender", program)).get("/consents/" + number).then()
                .statusCode(403);
        given().auth().oauth2(TestTokens.token("auditor")).get("/consents/" + number).then().statusCode(200);
        given().auth().oauth2(OFFICER).post("/consents/index/rebuild").then().statusCode(403);
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void thePublishedOpenApiDocumentIsThisServices() {
        PublishedOpenApi.assertPublished("compliance-service", openapi);
    }

    private ValidatableResponse grant(String number) {
        return grant(number, OFFICER);
    }

    private ValidatableResponse grant(String number, String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("recipient", number, "programId", program, "source", "WEB_FORM", "shownText",
                        "Yes, send me ACME offers by SMS", "ipAddress", "203.0.113.7", "channel", "web"))
                .post("/consents").then();
    }

    /** A keyword opt-out through the broker, in effect once its suppression state is published. */
    private void optOut(String number) {
        try (TopicProbe suppression = TopicProbe.open(Topics.SUPPRESSION)) {
            TestProducer.send(TestEvents.consent(ConsentAction.OPT_OUT, number, program, Instant.now()));
            suppression.awaitEvent(SuppressionState.class, s -> s.recipient().equals(number) && s.suppressed(),
                    TIMEOUT);
        }
    }

    private MessageApproved awaitApproval(MessageRequested request) {
        return approved.awaitEvent(MessageApproved.class, a -> a.messageId().equals(request.messageId()), TIMEOUT);
    }

    private MessageRejected awaitRejection(MessageRequested request) {
        return rejected.awaitEvent(MessageRejected.class, r -> r.messageId().equals(request.messageId()), TIMEOUT);
    }

    private void awaitLedgerRows(String number, int rows) {
        Instant deadline = Instant.now().plus(TIMEOUT);
        try {
            while (ledgerRows(number) < rows) {
                assertTrue(Instant.now().isBefore(deadline), "the ledger has not got " + rows + " rows in " + TIMEOUT);
                sleep(50);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long ledgerRows(String number) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement count = connection.prepareStatement(
                        "select count(*) from consent_record where recipient = ? and (program_id = ? or program_id is null)")) {
            count.setString(1, number);
            count.setString(2, program);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
