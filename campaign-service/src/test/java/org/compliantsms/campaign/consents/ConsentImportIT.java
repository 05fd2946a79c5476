package org.compliantsms.campaign.consents;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.compliantsms.campaign.programs.TestCampaignPrograms;
import org.compliantsms.events.ConsentAction;
import org.compliantsms.events.ConsentChanged;
import org.compliantsms.events.ConsentSource;
import org.compliantsms.events.EventCodec;
import org.compliantsms.events.MessageRequested;
import org.compliantsms.events.Topics;
import org.compliantsms.testing.PlatformTestResource;
import org.compliantsms.testing.TestNumbers;
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

/**
 * An audience's consent columns become consent records on sms.consent-changed.v1 (what compliance's ledger records),
 * with ids that a repeated upload keeps; the campaign is emitted only once compliance's consumer group has passed
 * them. Here the test plays compliance's group (campaign.consents.compliance-group of the test profile): it commits
 * the group's offsets itself, as compliance's consumer does once its ledger and index hold the consents.
 */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "sms_campaign"))
class ConsentImportIT {
    static final String SENDER = TestTokens.token("campaign-sender", "acme-promo");
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    @BeforeEach
    void programs() {
        TestCampaignPrograms.acmePromo();
    }

    @Test
    void consentColumnsPublishOneConsentRecordPerRowWithIdsAReuploadKeeps() {
        String id = draft();
        List<String> consenting = List.of(TestNumbers.frenchMobile(), TestNumbers.frenchMobile(),
                TestNumbers.frenchMobile());
        String without = TestNumbers.frenchMobile();
        String csv = "phone,consent_time,consent_source,consent_evidence\n"
                + consenting.get(0) + ",2026-01-31T10:15:00Z,web-form,\"ip 192.0.2.1, checkbox 3\"\n"
                + consenting.get(1) + ",2026-02-01T08:00:00+01:00,paper,form 12\n"
                + without + ",,,\n"
                + consenting.get(2) + ",2026-02-02T09:30:00Z,shop,\n";
        try (TopicProbe topic = TopicProbe.open(Topics.CONSENT_CHANGED);
                TopicProbe requests = TopicProbe.open(Topics.MESSAGE_REQUESTED)) {
            Instant before = Instant.now();
            upload(id, csv).body("accepted", equalTo(4)).body("consents", equalTo(3)).body("lastLine", equalTo(5));
            List<ConsumerRecord<String, byte[]>> records = topic.awaitRecords(r -> ofCampaign(r, id), 3, TIMEOUT);
            Map<String, ConsentChanged> byRecipient = records.stream().map(ConsentImportIT::decode)
                    .collect(Collectors.toMap(ConsentChanged::recipient, c -> c));
            assertEquals(Set.copyOf(consenting), byRecipient.keySet());
            ConsentChanged first = byRecipient.get(consenting.get(0));
            assertEquals(ConsentIds.of(UUID.fromString(id), consenting.get(0)), first.eventId());
            assertEquals(ConsentAction.CONSENT_GRANTED, first.action());
            assertEquals("acme-promo", first.programId());
            assertEquals(ConsentSource.IMPORT, first.source());
            assertEquals(Instant.parse("2026-01-31T10:15:00Z"), first.givenAt());
            assertEquals("web-form", first.channel());
            assertEquals("ip 192.0.2.1, checkbox 3", first.evidence());
            assertEquals("test-campaign-sender", first.actor());
            assertTrue(!first.occurredAt().isBefore(before.minusSeconds(1)), "the platform's receipt time orders it");
            assertEquals(Instant.parse("2026-02-01T07:00:00Z"), byRecipient.get(consenting.get(1)).givenAt());

            // the same file again: every row a DUPLICATE, its consents published again with the same ids (an upload
            // killed between its consents and its rows gets them there), which the ledger keeps once
            upload(id, csv).body("accepted", equalTo(0)).body("rejected", equalTo(4)).body("consents", equalTo(3));
            upload(id, "phone,consent_time,consent_source\n" + consenting.get(0) + ",2026-01-31T10:15:00Z,web-form\n")
                    .body("rejected", equalTo(1));
            topic.awaitRecords(r -> ofCampaign(r, id), 3 + 3 + 1, TIMEOUT);
            List<ConsumerRecord<String, byte[]>> again = topic.seen().stream().filter(r -> ofCampaign(r, id)).toList();
            assertEquals(3, again.stream().map(r -> decode(r).eventId()).distinct().count(),
                    "one id per recipient however often uploaded: " + again.size() + " records");

            // sent: held until compliance's group passed the consents, then emitted
            given().auth().oauth2(SENDER).contentType(ContentType.JSON).body("{}")
                    .post("/campaigns/" + id + "/schedule/send").then().statusCode(200);
            Duration watched = Duration.ofSeconds(4);
            assertEquals(List.of(), requests.eventsDuring(MessageRequested.class, r -> id.equals(r.campaignId()),
                    watched), "no request before compliance recorded the consents");
            long committed = System.nanoTime();
            commitAsCompliance(again); // every upload's, the repeated ones too
            requests.awaitEvents(MessageRequested.class, r -> id.equals(r.campaignId()), 4, TIMEOUT);
            Duration took = Duration.ofNanos(System.nanoTime() - committed);
            System.out.printf("consents: emission started %d ms after compliance's group passed them%n",
                    took.toMillis());
            assertTrue(took.compareTo(watched) < 0, "the requests came within the time watched before (" + took
                    + "), so none would have been missed then");
        }
    }

    private static boolean ofCampaign(ConsumerRecord<String, byte[]> record, String campaignId) {
        try {
            ConsentChanged change = EventCodec.decode(record.value(), ConsentChanged.class);
            return change.evidence() != null && change.eventId().equals(ConsentIds.of(UUID.fromString(campaignId),
                    change.recipient()));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static ConsentChanged decode(ConsumerRecord<String, byte[]> record) {
        return EventCodec.decode(record.value(), ConsentChanged.class);
    }

    /** What compliance's consumer does once its ledger and index hold them: its group's offsets move past them. */
    private static void commitAsCompliance(List<ConsumerRecord<String, byte[]>> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            offsets.merge(new TopicPartition(record.topic(), record.partition()),
                    new OffsetAndMetadata(record.offset() + 1),
                    (a, b) -> a.offset() >= b.offset() ? a : b);
        }
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        props.put(ConsumerConfig.GROUP_ID_CONFIG,
                ConfigProvider.getConfig().getValue("campaign.consents.compliance-group", String.class));
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.assign(offsets.keySet());
            consumer.commitSync(offsets);
        }
    }

    private static io.restassured.response.ValidatableResponse upload(String id, String csv) {
        return given().auth().oauth2(SENDER).contentType("text/csv").body(csv)
                .post("/campaigns/" + id + "/audience").then().statusCode(200).body("state", equalTo("DONE"));
    }

    private static String draft() {
        return given().auth().oauth2(SENDER).contentType(ContentType.JSON)
                .body("{\"programId\":\"acme-promo\",\"senderId\":\"36180\",\"body\":\"Winter sale\"}")
                .post("/campaigns").then().statusCode(201).extract().path("id");
    }
}
