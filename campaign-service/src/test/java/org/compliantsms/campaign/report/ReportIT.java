package org.compliantsms.campaign.report;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.compliantsms.campaign.emission.MessageIds;
import org.compliantsms.campaign.programs.TestCampaignPrograms;
import org.compliantsms.events.Category;
import org.compliantsms.events.DeliveryStatus;
import org.compliantsms.events.Encoding;
import org.compliantsms.events.MessageApproved;
import org.compliantsms.events.MessageRejected;
import org.compliantsms.events.MessageRequested;
import org.compliantsms.events.MessageStatus;
import org.compliantsms.events.PhoneNumbers;
import org.compliantsms.events.RejectionReason;
import org.compliantsms.events.SmsEvent;
import org.compliantsms.testing.PlatformTestResource;
import org.compliantsms.testing.TestNumbers;
import org.compliantsms.testing.TestProducer;
import org.compliantsms.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/** The report against the real broker and PostgreSQL: counts equal the events exactly, also when redelivered. */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "sms_campaign"))
class ReportIT {
    @BeforeEach
    void programs() {
        TestCampaignPrograms.acmePromo();
    }

    static final String SENDER = TestTokens.token("campaign-sender", "acme-promo");
    static final String ADMIN = TestTokens.token("admin");
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    record Campaign(String id, List<String> recipients) {
        String messageId(int i) {
            return MessageIds.of(UUID.fromString(id), recipients.get(i));
        }

        MessageApproved approval(int i, Instant sendAfter) {
            Instant now = Instant.now();
            MessageRequested request = new MessageRequested(messageId(i), "acme-promo", id, Category.MARKETING,
                    recipients.get(i), "Winter sale", "36180", null, null, null, now);
            // sendAfter is required (compliance gives approvedAt when nothing defers it): binding holds approvals to it
            return new MessageApproved(request, "Winter sale STOP 36180", Encoding.GSM7, 1, true,
                    sendAfter == null ? now : sendAfter, now);
        }

        MessageStatus status(int i, DeliveryStatus status) {
            return new MessageStatus(messageId(i), "acme-promo", id, recipients.get(i), status, "simulator",
                    "c-" + i, null, Instant.now());
        }

        MessageRejected rejection(int i, RejectionReason reason) {
            return new MessageRejected(messageId(i), "acme-promo", id, Category.MARKETING, recipients.get(i), reason,
                    "test", "compliance-service", Instant.now());
        }

        ValidatableResponse report() {
            return given().auth().oauth2(SENDER).get("/campaigns/" + id + "/report").then().statusCode(200);
        }
    }

    static Campaign campaign(int size) {
        List<String> recipients = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            recipients.add(TestNumbers.frenchMobile());
        }
        String body = "{\"programId\":\"acme-promo\",\"senderId\":\"36180\",\"body\":\"Winter sale\",\"recipients\":[\""
                + String.join("\",\"", recipients) + "\"]}";
        String id = given().auth().oauth2(SENDER).contentType(ContentType.JSON).body(body).post("/campaigns").then()
                .statusCode(201).extract().path("id");
        return new Campaign(id, recipients);
    }

    @Test
    void countsEqualTheEventsExactlyAlsoWhenRedelivered() {
        Campaign c = campaign(8);
        List<SmsEvent> events = List.of(
                c.approval(0, null), c.approval(1, null), c.approval(2, Instant.now().plusSeconds(3600)),
                c.approval(3, null), c.approval(4, null),
                c.status(0, DeliveryStatus.SUBMITTED), c.status(0, DeliveryStatus.DELIVERED),
                c.status(1, DeliveryStatus.SUBMITTED), c.status(1, DeliveryStatus.FAILED),
                c.status(3, DeliveryStatus.UNCONFIRMED),
                c.status(4, DeliveryStatus.SUBMITTED),
                c.rejection(5, RejectionReason.OPTED_OUT), c.rejection(6, RejectionReason.OPTED_OUT),
                c.rejection(7, RejectionReason.NO_CONSENT));
        List<SmsEvent> twice = new ArrayList<>(events);
        twice.addAll(events);
        TestProducer.sendAll(twice);

        await().atMost(TIMEOUT).untilAsserted(() -> expected(c.report()));
        TestProducer.sendAll(events); // a redelivery much later
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).untilAsserted(() -> expected(c.report()));
        given().auth().oauth2(TestTokens.token("campaign-sender", "other-program"))
                .get("/campaigns/" + c.id() + "/report").then().statusCode(403);
        given().auth().oauth2(SENDER).get("/campaigns/" + UUID.randomUUID() + "/report").then().statusCode(404);
    }

    private static void expected(ValidatableResponse report) {
        report.body("recipients", equalTo(8)).body("requested", equalTo(8))
                .body("approved", equalTo(5)).body("deferred", equalTo(1))
                .body("submitted", equalTo(3)).body("delivered", equalTo(1)).body("failed", equalTo(1))
                .body("unconfirmed", equalTo(1))
                .body("rejected", equalTo(3)).body("rejections.OPTED_OUT", equalTo(2))
                .body("rejections.NO_CONSENT", equalTo(1)).body("rejections.INVALID_NUMBER", equalTo(0));
    }

    @Test
    void messagesComeByPageWithNumbersMaskedUnlessAdmin() {
        Campaign c = campaign(5);
        List<String> seen = new ArrayList<>();
        Integer after = -1;
        int pages = 0;
        while (after != null) {
            JsonPath page = given().auth().oauth2(SENDER).queryParam("after", after).queryParam("limit", 2)
                    .get("/campaigns/" + c.id() + "/messages").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.recipient"));
            after = page.get("next");
            pages++;
        }
        assertEquals(c.recipients().stream().map(PhoneNumbers::mask).toList(), seen, "every message once, masked");
        assertEquals(3, pages);
        given().auth().oauth2(ADMIN).queryParam("limit", 10).get("/campaigns/" + c.id() + "/messages").then()
                .statusCode(200).body("items.recipient", equalTo(c.recipients())).body("next", nullValue());
        given().auth().oauth2(TestTokens.token("auditor")).get("/campaigns/" + c.id() + "/messages").then()
                .statusCode(200).body("items[0].recipient", equalTo(PhoneNumbers.mask(c.recipients().get(0))));
        given().auth().oauth2(SENDER).queryParam("limit", 5000).get("/campaigns/" + c.id() + "/messages").then()
                .statusCode(400);
    }
}
