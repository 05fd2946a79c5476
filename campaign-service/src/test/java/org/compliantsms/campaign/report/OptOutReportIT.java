package org.compliantsms.campaign.report;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.compliantsms.campaign.emission.MessageIds;
import org.compliantsms.campaign.programs.TestCampaignPrograms;
import org.compliantsms.events.ConsentAction;
import org.compliantsms.events.ConsentChanged;
import org.compliantsms.events.ConsentSource;
import org.compliantsms.events.DeliveryStatus;
import org.compliantsms.events.MessageStatus;
import org.compliantsms.events.Topics;
import org.compliantsms.testing.PlatformTestResource;
import org.compliantsms.testing.TestNumbers;
import org.compliantsms.testing.TestProducer;
import org.compliantsms.testing.TestTokens;
import org.compliantsms.testing.TopicProbe;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Opt-outs that followed a campaign, in its report, exact when the same opt-out event is delivered twice. */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "sms_campaign"))
class OptOutReportIT {
    static final String SENDER = TestTokens.token("campaign-sender", "acme-promo");
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    @BeforeEach
    void programs() {
        TestCampaignPrograms.acmePromo();
    }

    @Test
    void anOptOutAfterACampaignsMessageCountsOnceInItsReportAlsoWhenDeliveredTwice() {
        String stops = TestNumbers.frenchMobile();
        String stopsLate = TestNumbers.frenchMobile();
        String stopsElsewhere = TestNumbers.frenchMobile();
        String stopsAll = TestNumbers.frenchMobile();
        List<String> recipients = List.of(stops, stopsLate, stopsElsewhere, stopsAll);
        String id = given().auth().oauth2(SENDER).contentType(ContentType.JSON)
                .body("{\"programId\":\"acme-promo\",\"senderId\":\"36180\",\"body\":\"Winter sale\",\"recipients\":[\""
                        + String.join("\",\"", recipients) + "\"]}")
                .post("/campaigns").then().statusCode(201).extract().path("id");
        Instant now = Instant.now();
        Instant nineDaysAgo = now.minus(Duration.ofDays(9));
        for (String recipient : recipients) {
            Instant submitted = recipient.equals(stopsLate) ? nineDaysAgo : now.minusSeconds(3600);
            TestProducer.send(new MessageStatus(MessageIds.of(UUID.fromString(id), recipient), "acme-promo", id,
                    recipient, DeliveryStatus.SUBMITTED, "simulator", "c-" + recipient, null, submitted));
        }
        await().atMost(TIMEOUT).untilAsserted(() -> given().auth().oauth2(SENDER).get("/campaigns/" + id + "/report")
                .then().body("submitted", equalTo(4)));

        ConsentChanged stop = optOut(stops, ConsentAction.OPT_OUT, "acme-promo", now);
        try (TopicProbe topic = TopicProbe.open(Topics.CONSENT_CHANGED)) {
            TestProducer.send(stop);
            TestProducer.send(stop); // delivered twice: same event id
            TestProducer.send(optOut(stopsLate, ConsentAction.OPT_OUT, "acme-promo", now)); // 9 days after
            TestProducer.send(optOut(stopsElsewhere, ConsentAction.OPT_OUT, "another-program", now));
            TestProducer.send(optOut(stopsAll, ConsentAction.OPT_OUT_ALL, null, now));
            List<ConsumerRecord<String, byte[]>> sent = topic.awaitRecords(r -> r.key() != null
                    && recipients.contains(r.key()), 5, TIMEOUT);
            long started = System.nanoTime();
            await().atMost(TIMEOUT).untilAsserted(() -> given().auth().oauth2(SENDER)
                    .get("/campaigns/" + id + "/report").then().body("optOutsAfter", equalTo(2)));
            System.out.printf("opt-outs after the campaign: counted within %d ms%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            // every one of them handled (the consumer's group committed past each), and still two
            await().atMost(TIMEOUT).until(() -> handled(sent));
            given().auth().oauth2(SENDER).get("/campaigns/" + id + "/report").then().body("optOutsAfter", equalTo(2));
        }
    }

    private static ConsentChanged optOut(String recipient, ConsentAction action, String programId, Instant at) {
        return new ConsentChanged("test-stop-" + UUID.randomUUID(), action, recipient, programId,
                ConsentSource.KEYWORD, "STOP", "fr", "inbound test", "36180", false, at);
    }

    /** Whether the opt-outs consumer's group has committed past every one of these records. */
    private static boolean handled(List<ConsumerRecord<String, byte[]>> records) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class)))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(
                    ConfigProvider.getConfig().getValue("batch.consumers.opt-outs.group-id", String.class))
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            for (ConsumerRecord<String, byte[]> record : records) {
                OffsetAndMetadata offset = committed.get(new TopicPartition(record.topic(), record.partition()));
                if (offset == null || offset.offset() <= record.offset()) {
                    return false;
                }
            }
            return true;
        }
    }
}
