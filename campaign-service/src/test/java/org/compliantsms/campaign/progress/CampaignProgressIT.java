package org.compliantsms.campaign.progress;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.compliantsms.batch.Received;
import org.compliantsms.batch.RetryLaterException;
import org.compliantsms.campaign.emission.MessageIds;
import org.compliantsms.events.Category;
import org.compliantsms.events.DeliveryStatus;
import org.compliantsms.events.EventCodec;
import org.compliantsms.events.EventType;
import org.compliantsms.events.MessageRejected;
import org.compliantsms.events.MessageStatus;
import org.compliantsms.events.RejectionReason;
import org.compliantsms.events.SmsEvent;
import org.compliantsms.campaign.programs.TestCampaignPrograms;
import org.compliantsms.testing.PlatformTestResource;
import org.compliantsms.testing.TestNumbers;
import org.compliantsms.testing.TestProducer;
import org.compliantsms.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Outcome batches against the real PostgreSQL and broker: each message counted once, however often it is told. */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "sms_campaign"))
class CampaignProgressIT {
    static final String SENDER = TestTokens.token("campaign-sender", "acme-promo");
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    StatusProgress statuses;

    @Inject
    RejectionProgress rejections;

    @BeforeEach
    void programs() {
        TestCampaignPrograms.acmePromo();
    }

    /** A campaign of program acme-promo to {@code size} fresh numbers; returns its id and recipients. */
    static Campaign campaign(int size) {
        List<String> recipients = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            recipients.add(TestNumbers.frenchMobile());
        }
        String body = "{\"programId\":\"acme-promo\",\"senderId\":\"36180\",\"body\":\"Winter sale\",\"recipients\":[\""
                + String.join("\",\"", recipients) + "\"]}";
        String id = given().auth().oauth2(SENDER).contentType(ContentType.JSON).body(body).post("/campaigns").then()
                .statusCode(201)
                .extract().path("id");
        return new Campaign(id, recipients);
    }

    record Campaign(String id, List<String> recipients) {
        String messageId(int position) {
            return MessageIds.of(UUID.fromString(id), recipients.get(position));
        }

        MessageStatus status(int position, DeliveryStatus status) {
            return new MessageStatus(messageId(position), "acme-promo", id, recipients.get(position), status,
                    "simulator", "c-" + position, null, Instant.now());
        }

        MessageRejected rejection(int position, RejectionReason reason) {
            return new MessageRejected(messageId(position), "acme-promo", id, Category.MARKETING,
                    recipients.get(position), reason, "test", "compliance-service", Instant.now());
        }

        ValidatableResponse view() {
            return given().auth().oauth2(SENDER).get("/campaigns/" + id).then().statusCode(200);
        }
    }

    @Test
    void outcomesDeliveredTwiceInOneGoAreCountedOnce() {
        Campaign campaign = campaign(4);
        MessageStatus noCampaign = new MessageStatus(campaign.id() + ":3", "acme-promo", null,
                campaign.recipients().get(3), DeliveryStatus.DELIVERED, "simulator", "c-x", null, Instant.now());
        List<MessageStatus> statusBatch = List.of(
                campaign.status(0, DeliveryStatus.SUBMITTED),
                campaign.status(1, DeliveryStatus.SUBMITTED),
                campaign.status(1, DeliveryStatus.DELIVERED),
                campaign.status(3, DeliveryStatus.SUBMITTED),
                noCampaign); // not a campaign's news: ignored
        List<MessageRejected> rejectionBatch = List.of(campaign.rejection(2, RejectionReason.OPTED_OUT));

        TestProducer.sendAll(twice(statusBatch));
        TestProducer.sendAll(twice(rejectionBatch));

        await().atMost(TIMEOUT).untilAsserted(() -> campaign.view()
                .body("outcomes.REQUESTED", equalTo(0))
                .body("outcomes.SUBMITTED", equalTo(2))
                .body("outcomes.DELIVERED", equalTo(1))
                .body("outcomes.REJECTED", equalTo(1))
                .body("rejections.OPTED_OUT", equalTo(1)));
        TestProducer.sendAll(statusBatch); // a redelivery much later
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> campaign.view()
                .body("outcomes.SUBMITTED", equalTo(2))
                .body("outcomes.DELIVERED", equalTo(1))
                .body("outcomes.REJECTED", equalTo(1)));
    }

    @Test
    void aBatchHandledAgainChangesNothingMore() {
        Campaign campaign = campaign(3);
        List<Received<MessageStatus>> statusBatch = received(List.of(
                campaign.status(0, DeliveryStatus.SUBMITTED),
                campaign.status(0, DeliveryStatus.DELIVERED),
                campaign.status(1, DeliveryStatus.SUBMITTED),
                campaign.status(1, DeliveryStatus.SUBMITTED)));
        List<Received<MessageRejected>> rejectionBatch = received(List.of(
                campaign.rejection(2, RejectionReason.INVALID_NUMBER)));

        // the loop handles a batch again when its offsets could not be committed
        assertTrue(statuses.handle(statusBatch).isEmpty());
        assertTrue(statuses.handle(statusBatch).isEmpty());
        rejections.handle(rejectionBatch);
        rejections.handle(rejectionBatch);

        campaign.view()
                .body("outcomes.REQUESTED", equalTo(0))
                .body("outcomes.SUBMITTED", equalTo(1))
                .body("outcomes.DELIVERED", equalTo(1))
                .body("outcomes.REJECTED", equalTo(1))
                .body("rejections.INVALID_NUMBER", equalTo(1));
        given().auth().oauth2(SENDER).get("/campaigns/" + campaign.id() + "/messages").then()
                .body("items[0].outcome", equalTo("DELIVERED"))
                .body("items[2].reason", equalTo("INVALID_NUMBER"));
    }

    @Test
    void aDatabaseErrorMakesTheBatchWaitAndRetry() {
        RetryLaterException e = assertThrows(RetryLaterException.class, () -> CampaignProgress.await(
                () -> Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                        .createNativeQuery("select * from no_such_table").getResultList()))));
        assertTrue(e.getMessage().startsWith("PostgreSQL did not apply the batch"), e.getMessage());
    }

    static <T extends SmsEvent> List<T> twice(List<T> events) {
        List<T> all = new ArrayList<>(events);
        all.addAll(events);
        return all;
    }

    static <T extends SmsEvent> List<Received<T>> received(List<T> events) {
        return events.stream().map(event -> new Received<>(event, new ConsumerRecord<>(
                EventType.of(event.getClass()).topic(), 0, 0L, event.partitionKey(), EventCodec.encode(event))))
                .toList();
    }
}
