package org.compliantsms.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.compliantsms.events.ConsentAction;
import org.compliantsms.events.ConsentChanged;
import org.compliantsms.events.ConsentSource;
import org.compliantsms.events.MessageRejected;
import org.compliantsms.events.RejectionReason;
import org.compliantsms.events.SuppressionState;
import org.compliantsms.events.Topics;
import org.compliantsms.testing.RunningSystem;
import org.compliantsms.testing.SignedWebhook;
import org.compliantsms.testing.SimulatorAdmin;
import org.compliantsms.testing.TestNumbers;
import org.compliantsms.testing.TestProducer;
import org.compliantsms.testing.TestTokens;
import org.compliantsms.testing.TopicProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;

/**
 * ARCHITECTURE 4.1 end to end, every part real: a campaign reaches only the numbers that did not opt out; a STOP
 * is confirmed once, and from then on nothing more of that program reaches the carrier for that number.
 */
class OptOutEndToEndIT {
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** A campaign-sender of the program, as the OIDC provider would issue (signed with the test-only key). */
    static final String SENDER = TestTokens.token("campaign-sender", RunningSystem.PROGRAM);
    static RunningSystem system;
    static SimulatorAdmin carrier;

    @BeforeAll
    static void start() {
        system = new RunningSystem();
        carrier = new SimulatorAdmin(system.simulator.baseUrl());
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    /** The program its campaigns name, as an admin defines it (idempotent: a new version each run). */
    static void defineProgram() {
        given().baseUri(system.campaign.baseUrl()).auth().oauth2(TestTokens.token("admin"))
                .contentType(ContentType.JSON)
                .body("{\"category\":\"MARKETING\",\"senders\":[{\"type\":\"SHORT_CODE\",\"value\":\""
                        + RunningSystem.SHORT_CODE + "\"}]}")
                .put("/programs/" + RunningSystem.PROGRAM).then().statusCode(200);
    }

    /** A compliance officer, who records the recipients' marketing consent before each campaign. */
    static final String OFFICER = TestTokens.token("compliance-officer");
    static final Set<String> CONSENTED = ConcurrentHashMap.newKeySet();

    /**
     * The campaigns are MARKETING to French numbers: each recipient's consent is recorded first through compliance's
     * consent API, as a program's web form would, or compliance rejects them NO_CONSENT. Once per number: a
     * later campaign to someone who replied STOP meanwhile must meet that STOP, not a fresh consent.
     */
    static void grantConsent(String... recipients) {
        for (String recipient : recipients) {
            if (!CONSENTED.add(recipient)) {
                continue;
            }
            given().baseUri(system.compliance.baseUrl()).auth().oauth2(OFFICER).contentType(ContentType.JSON)
                    .body("{\"recipient\":\"" + recipient + "\",\"programId\":\"" + RunningSystem.PROGRAM
                            + "\",\"source\":\"WEB_FORM\",\"shownText\":\"Yes, send me ACME offers by SMS\"}")
                    .post("/consents").then().statusCode(201);
        }
    }

    static String createCampaign(String... recipients) {
        defineProgram();
        grantConsent(recipients);
        String body = "{\"programId\":\"" + RunningSystem.PROGRAM + "\",\"senderId\":\"" + RunningSystem.SHORT_CODE
                + "\",\"body\":\"Winter sale: 20% off until Sunday.\",\"recipients\":[\""
                + String.join("\",\"", recipients) + "\"]}";
        return given().baseUri(system.campaign.baseUrl()).auth().oauth2(SENDER).contentType(ContentType.JSON)
                .body(body).post("/campaigns").then().statusCode(201).extract().path("id");
    }

    /**
     * Every message that reached the carrier ends DELIVERED (the simulator's receipts say DELIVRD): submitted, then
     * its receipt correlated by dispatch and counted by campaign; the others are rejected OPTED_OUT.
     */
    static void awaitProgress(String campaignId, int delivered, int optedOut) {
        await().atMost(TIMEOUT).untilAsserted(() -> given().baseUri(system.campaign.baseUrl()).auth().oauth2(SENDER)
                .get("/campaigns/" + campaignId).then().statusCode(200)
                .body("outcomes.DELIVERED", equalTo(delivered))
                .body("outcomes.SUBMITTED", equalTo(0))
                .body("rejections.OPTED_OUT", equalTo(optedOut)));
    }

    /** An opt-out recorded by an administrator, as the suppression API or an import would. */
    static void preSuppress(String number) {
        try (TopicProbe suppression = TopicProbe.open(Topics.SUPPRESSION)) {
            TestProducer.send(new ConsentChanged("admin-" + UUID.randomUUID(), ConsentAction.OPT_OUT, number,
                    RunningSystem.PROGRAM, ConsentSource.ADMIN, null, null, "system test", null, false, Instant.now()));
            suppression.awaitEvent(SuppressionState.class, s -> s.recipient().equals(number) && s.suppressed(), TIMEOUT);
        }
    }

    @Test
    void aStopIsConfirmedOnceAndNothingElseOfTheProgramReachesThatNumber() {
        String alice = TestNumbers.frenchMobile();
        String bob = TestNumbers.frenchMobile();
        String carol = TestNumbers.frenchMobile();
        preSuppress(carol);

        // 3 recipients, one already opted out: 2 submitted and delivered, 1 rejected OPTED_OUT
        try (TopicProbe rejected = TopicProbe.open(Topics.MESSAGE_REJECTED)) {
            String first = createCampaign(alice, bob, carol);
            awaitProgress(first, 2, 1);
            MessageRejected rejection = rejected.awaitEvent(MessageRejected.class, r -> carol.equals(r.recipient()),
                    TIMEOUT);
            assertEquals(RejectionReason.OPTED_OUT, rejection.reason());
        }
        assertEquals(1, carrier.awaitMessagesTo(alice, 1, TIMEOUT).size());
        assertEquals(1, carrier.awaitMessagesTo(bob, 1, TIMEOUT).size());
        assertTrue(carrier.messagesTo(carol).isEmpty());

        // Alice replies STOP through the carrier's webhook: answered once durable and effective
        String stop = "{\"messageId\":\"SM" + UUID.randomUUID() + "\",\"from\":\"" + alice + "\",\"to\":\""
                + RunningSystem.SHORT_CODE + "\",\"text\":\"STOP\"}";
        given().baseUri(system.inbound.baseUrl()).contentType(ContentType.JSON)
                .headers(SignedWebhook.headers(RunningSystem.WEBHOOK_SECRET, stop)).body(stop)
                .post("/webhooks/inbound/" + RunningSystem.WEBHOOK_ACCOUNT).then().statusCode(200).body("action", equalTo("OPT_OUT"));

        // one confirmation reaches her
        List<Map<String, Object>> toAlice = carrier.awaitMessagesTo(alice, 2, TIMEOUT);
        assertTrue(String.valueOf(toAlice.get(1).get("text")).contains("unsubscribed"), toAlice.toString());

        // a second campaign: Bob gets it, Alice is rejected OPTED_OUT, and nothing more reaches her
        String second = createCampaign(alice, bob);
        awaitProgress(second, 1, 1);
        assertEquals(2, carrier.awaitMessagesTo(bob, 2, TIMEOUT).size());
        assertEquals(2, carrier.messagesTo(alice).size(), "after STOP: the confirmation, and nothing else");
        assertTrue(carrier.messagesTo(carol).isEmpty());
    }

    @Test
    void thePackagedServicesAskForABearerTokenAndTakeTheRightOne() {
        String id = createCampaign(TestNumbers.frenchMobile());
        given().baseUri(system.campaign.baseUrl()).get("/campaigns/" + id).then().statusCode(401);
        given().baseUri(system.campaign.baseUrl()).auth().oauth2(TestTokens.token("campaign-sender", "another"))
                .get("/campaigns/" + id).then().statusCode(403);
        given().baseUri(system.inbound.baseUrl()).get("/review/replies").then().statusCode(401);
        given().baseUri(system.inbound.baseUrl()).auth().oauth2(SENDER).get("/review/replies").then().statusCode(403);
        given().baseUri(system.inbound.baseUrl()).auth().oauth2(TestTokens.token("compliance-officer"))
                .get("/review/replies").then().statusCode(200);
    }

    @Test
    void aStopArrivingOverSmppIsConfirmedInItsLanguageAndHonoured() {
        String dora = TestNumbers.frenchMobile();
        String first = createCampaign(dora);
        awaitProgress(first, 1, 0);

        // the reply comes back on dispatch's SMPP session, as from a real handset
        assertEquals(202, carrier.inject(dora, RunningSystem.SHORT_CODE, "Arrêt"));
        List<Map<String, Object>> toDora = carrier.awaitMessagesTo(dora, 2, TIMEOUT);
        assertTrue(String.valueOf(toDora.get(1).get("text")).startsWith("Vous êtes désinscrit"), toDora.toString());

        String second = createCampaign(dora);
        awaitProgress(second, 0, 1);
        assertEquals(2, carrier.messagesTo(dora).size(), "after ARRET: the confirmation, and nothing else");
    }
}
