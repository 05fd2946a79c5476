package org.compliantsms.campaign.campaigns;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.compliantsms.testing.TopicProbe.header;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.compliantsms.campaign.emission.MessageIds;
import org.compliantsms.events.Category;
import org.compliantsms.events.DeliveryStatus;
import org.compliantsms.events.EventCodec;
import org.compliantsms.events.MessageRejected;
import org.compliantsms.events.MessageRequested;
import org.compliantsms.events.MessageStatus;
import org.compliantsms.events.PhoneNumbers;
import org.compliantsms.events.RejectionReason;
import org.compliantsms.events.Topics;
import org.compliantsms.campaign.programs.TestCampaignPrograms;
import org.compliantsms.testing.PlatformTestResource;
import org.compliantsms.testing.TestNumbers;
import org.compliantsms.testing.TestProducer;
import org.compliantsms.testing.TestTokens;
import org.compliantsms.testing.TopicProbe;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The campaign API against the real PostgreSQL and broker. */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "sms_campaign"))
class CampaignResourceIT {
    static final String SENDER = TestTokens.token("campaign-sender", "acme-promo");
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    @BeforeEach
    void programs() {
        TestCampaignPrograms.acmePromo();
    }

    static String campaign(String programId, String... recipients) {
        return "{\"programId\":\"" + programId + "\",\"senderId\":\"36180\",\"body\":\"Winter sale: 20% off\","
                + "\"defaultRegion\":\"FR\",\"recipients\":[\"" + String.join("\",\"", recipients) + "\"]}";
    }

    @Test
    void aCampaignIsStoredAndRequestsOneMessagePerRecipient() {
        String first = TestNumbers.frenchMobile();
        String second = TestNumbers.frenchMobile();
        String secondNational = "0" + second.substring(3);
        try (TopicProbe requests = TopicProbe.open(Topics.MESSAGE_REQUESTED)) {
            String id = given().auth().oauth2(SENDER).contentType(ContentType.JSON)
                    .body(campaign("acme-promo", first, secondNational, first)).post("/campaigns").then()
                    .statusCode(201)
                    .header("Location", containsString("/campaigns/"))
                    .body("state", equalTo("REQUESTED"))
                    .body("recipients", equalTo(2))
                    .body("outcomes.REQUESTED", equalTo(2))
                    .extract().path("id");

            List<ConsumerRecord<String, byte[]>> records = requests.awaitRecords(
                    r -> first.equals(r.key()) || second.equals(r.key()), 2, TIMEOUT);
            for (ConsumerRecord<String, byte[]> record : records) {
                MessageRequested request = EventCodec.decode(record.value(), MessageRequested.class);
                assertEquals(record.key(), request.recipient());
                assertEquals(id, request.campaignId());
                assertEquals(Category.MARKETING, request.category());
                assertEquals(MessageIds.of(UUID.fromString(id), request.recipient()), request.messageId(),
                        "the message id is derived from the campaign and the recipient");
                assertEquals("campaign-service", header(record, "ce_source").orElseThrow());
            }
            given().auth().oauth2(SENDER).get("/campaigns/" + id + "/messages").then().statusCode(200)
                    .body("items.recipient", hasItem(PhoneNumbers.mask(second)))
                    .body("items[0].messageId", equalTo(MessageIds.of(UUID.fromString(id), first)));
        }
    }

    @Test
    void anInvalidCampaignIsRefusedWholeWithEveryProblem() {
        String good = TestNumbers.frenchMobile();
        try (TopicProbe requests = TopicProbe.open(Topics.MESSAGE_REQUESTED)) {
            // An admin: a campaign-sender could not name a program outside its token (403 before validation).
            given().auth().oauth2(TestTokens.token("admin")).contentType(ContentType.JSON)
                    .body(campaign("bad program", good, "+33142685300")).post("/campaigns").then().statusCode(400)
                    .body("problems", hasItem(startsWith("programId")))
                    .body("problems", hasItem(startsWith("recipients[1]")))
                    .body("problems.toString()", not(containsString("142685300")));
            assertTrue(requests.eventsDuring(MessageRequested.class, r -> good.equals(r.recipient()),
                    Duration.ofSeconds(2)).isEmpty(), "nothing is requested for a refused campaign");
        }
        given().auth().oauth2(SENDER).get("/campaigns/00000000-0000-0000-0000-000000000000").then().statusCode(404);
    }

    @Test
    void progressFollowsTheOutcomeTopics() {
        String submitted = TestNumbers.frenchMobile();
        String optedOut = TestNumbers.frenchMobile();
        String id = given().auth().oauth2(SENDER).contentType(ContentType.JSON)
                .body(campaign("acme-promo", submitted, optedOut)).post("/campaigns").then().statusCode(201)
                .extract().path("id");

        UUID campaign = UUID.fromString(id);
        TestProducer.send(new MessageStatus(MessageIds.of(campaign, submitted), "acme-promo", id, submitted, DeliveryStatus.SUBMITTED,
                "simulator", "c-1", null, Instant.now()));
        TestProducer.send(new MessageRejected(MessageIds.of(campaign, optedOut), "acme-promo", id, Category.MARKETING,
                optedOut,
                RejectionReason.OPTED_OUT, "opted out (program:acme-promo)", "compliance-service", Instant.now()));

        await().atMost(TIMEOUT).untilAsserted(() -> given().auth().oauth2(SENDER).get("/campaigns/" + id).then()
                .statusCode(200)
                .body("outcomes.SUBMITTED", equalTo(1))
                .body("outcomes.REJECTED", equalTo(1))
                .body("rejections.OPTED_OUT", equalTo(1)));
        given().auth().oauth2(SENDER).get("/campaigns/" + id + "/messages").then()
                .body("items[1].outcome", equalTo("REJECTED"))
                .body("items[1].reason", equalTo("OPTED_OUT"));
    }
}
