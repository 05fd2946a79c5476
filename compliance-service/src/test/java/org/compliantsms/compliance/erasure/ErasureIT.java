package org.compliantsms.compliance.erasure;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.compliantsms.compliance.consent.ConsentRecorder;
import org.compliantsms.compliance.consent.TestConsents;
import org.compliantsms.compliance.timeline.Await;
import org.compliantsms.compliance.timeline.Fact;
import org.compliantsms.compliance.timeline.TimelineStore;
import org.compliantsms.events.ConsentAction;
import org.compliantsms.events.ConsentChanged;
import org.compliantsms.events.MessageRejected;
import org.compliantsms.events.MessageRequested;
import org.compliantsms.events.RejectionReason;
import org.compliantsms.events.Topics;
import org.compliantsms.suppression.SuppressionIndex;
import org.compliantsms.suppression.erased.ErasedSuppressionIndex;
import org.compliantsms.suppression.erased.NumberHmac;
import org.compliantsms.testing.PlatformTestResource;
import org.compliantsms.testing.TestEvents;
import org.compliantsms.testing.TestNumbers;
import org.compliantsms.testing.TestProducer;
import org.compliantsms.testing.TestTokens;
import org.compliantsms.testing.TopicProbe;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;

/** GDPR erasure through the real broker, Redis and PostgreSQL: the person's rows go, the suppression stays. */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ErasureIT {
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    TimelineStore timeline;

    @Inject
    SuppressionIndex index;

    @Inject
    ConsentRecorder consents;

    @Inject
    NumberHmac hmac;

    @Inject
    DataSource dataSource;

    @Inject
    Redis redis;

    @Test
    void anErasedOptedOutNumberStaysSuppressedAndNoRowOfTheTimelineHoldsIt() throws SQLException {
        String number = TestNumbers.frenchMobile();
        ConsentChanged stop = TestEvents.consent(ConsentAction.OPT_OUT, number, "promo", Instant.now());
        MessageRequested before = TestEvents.marketing(number, "promo");
        try (TopicProbe rejected = TopicProbe.open(Topics.MESSAGE_REJECTED);
                TopicProbe suppression = TopicProbe.open(Topics.SUPPRESSION)) {
            TestProducer.send(stop);
            suppression.awaitRecords(r -> ("program:promo:" + number).equals(r.key()) && r.value() != null, 1,
                    TIMEOUT);
            TestProducer.send(before);
            MessageRejected firstRejection = rejected.awaitEvent(MessageRejected.class,
                    r -> r.messageId().equals(before.messageId()), TIMEOUT);
            assertEquals(RejectionReason.OPTED_OUT, firstRejection.reason());
            Await.until("the opt-out, the request and its rejection", () -> timeline.countOfNumber(number) == 3);

            JsonPath erased = given().auth().oauth2(TestTokens.token("data-protection"))
                    .queryParam("reason", "data-subject request DSR-1")
                    .delete("/numbers/" + number + "/personal-data").then().statusCode(200).extract().jsonPath();
            // The opt-out's ledger row goes, its time-to-honour row stays with the number replaced by its HMAC.
            assertEquals(Map.of("timeline", 3, "suppression-index", 1, "consent-ledger", 1, "opt-out-honour", 1),
                    erased.getMap("removed"));
            assertEquals(List.of("program:promo"), erased.getList("stillSuppressed"));
            assertEquals(hmac.of(number), erased.getString("numberHmac"));
            Instant erasedAt = Instant.parse(erased.getString("erasedAt"));

            // Nothing in clear is left in the timeline, the index, or (once compacted) the suppression topic.
            assertEquals(0, timeline.countOfNumber(number));
            assertEquals(0, rowsNaming("consent_record", number));
            assertEquals(0, rowsNaming("opt_out_honour", number));
            assertEquals(1, rowsNaming("opt_out_honour", "erased:" + hmac.of(number)));
            assertEquals(Map.of(), index.entries(number).await().atMost(TIMEOUT));
            ConsumerRecord<String, byte[]> tombstone = suppression.awaitRecords(
                    r -> ("program:promo:" + number).equals(r.key()) && r.value() == null, 1, TIMEOUT).get(0);
            assertNull(tombstone.value());
            assertErasureRecorded(number, erasure(hmac.of(number)));

            // Still rejected OPTED_OUT, by the suppression kept under the number's HMAC.
            MessageRequested after = TestEvents.marketing(number, "promo");
            TestProducer.send(after);
            MessageRejected rejection = rejected.awaitEvent(MessageRejected.class,
                    r -> r.messageId().equals(after.messageId()), TIMEOUT);
            assertEquals(RejectionReason.OPTED_OUT, rejection.reason());
            assertEquals("opted out (program:promo)", rejection.detail());

            // The facts from before the erasure delivered again (a replay of the topics) are not written back; each
            // replay is followed on its partition by a new fact, which is.
            TestProducer.sendAll(List.of(stop, firstRejection));
            ConsentChanged newStop = TestEvents.consent(ConsentAction.OPT_OUT, number, "other", Instant.now());
            MessageRequested another = TestEvents.marketing(number, "promo");
            TestProducer.sendAll(List.of(newStop, another));
            rejected.awaitEvent(MessageRejected.class, r -> r.messageId().equals(another.messageId()), TIMEOUT);
            Await.until("the facts after the erasure", () -> timeline.countOfNumber(number) == 5);
            List<Fact> left = new ArrayList<>();
            timeline.allOfNumber(number, left::add);
            assertEquals(5, left.size(), left.toString());
            assertTrue(left.stream().allMatch(f -> f.occurredAt().isAfter(erasedAt)), left.toString());
            assertTrue(left.stream().noneMatch(f -> before.messageId().equals(f.messageId())
                    || stop.eventId().equals(f.eventId())), left.toString());
        }
    }

    @Test
    void aReplayedConsentChangeOfAnErasedNumberWritesNoLedgerRowAndNoIndexEntry() throws SQLException {
        // +3374...: a block no other suite draws, so no other run's consent of the number is in the shared Redis.
        String number = "+3374" + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
        String program = "erasure-it-" + UUID.randomUUID().toString().substring(0, 8);
        try (TopicProbe changes = TopicProbe.open(Topics.CONSENT_CHANGED)) {
            String grantId = given().auth().oauth2(TestTokens.token("compliance-officer"))
                    .contentType("application/json").body(Map.of("recipient", number, "programId", program, "source", "WEB_FORM", "shownText",
                            "Yes, send me ACME offers by SMS"))
                    .post("/consents").then().statusCode(201).extract().path("id");
            ConsentChanged grant = changes.awaitEvent(ConsentChanged.class, c -> c.eventId().equals(grantId), TIMEOUT);
            assertEquals(1, rowsNaming("consent_record", number));

            JsonPath erased = given().auth().oauth2(TestTokens.token("data-protection"))
                    .queryParam("reason", "data-subject request DSR-2")
                    .delete("/numbers/" + number + "/personal-data").then().statusCode(200).extract().jsonPath();
            assertEquals(1, erased.getMap("removed").get("consent-ledger"));
            assertEquals(0, rowsNaming("consent_record", number));

            // The grant delivered again (a replay of sms.consent-changed.v1), then on its partition a change made
            // after the erasure: once that one is in the ledger, the replay has been consumed and dropped.
            ConsentChanged after = TestEvents.consent(ConsentAction.OPT_OUT, number, "other", Instant.now());
            TestProducer.sendAll(List.of(grant, after));
            Await.until("the change after the erasure in the ledger", () -> ledgerHolds(after.eventId()));
            assertFalse(ledgerHolds(grantId), "the replayed grant is not written back");
            assertEquals(1, rowsNaming("consent_record", number));
            List<String> fields = new ArrayList<>();
            redis.send(Request.cmd(Command.HKEYS).arg("sms:consent:" + number)).await().atMost(TIMEOUT)
                    .forEach(field -> fields.add(field.toString()));
            assertEquals(List.of("program:other"), fields, "the index holds no entry of the replayed grant");
        }
    }

    private boolean ledgerHolds(String id) {
        try (var connection = dataSource.getConnection();
                var select = connection.prepareStatement("select count(*) from consent_record where id = ?")) {
            select.setString(1, id);
            try (var rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1) > 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theErasedSuppressionComesBackFromPostgreSqlWhenRedisLosesIt() {
        String number = TestNumbers.frenchMobile();
        TestProducer.send(TestEvents.consent(ConsentAction.OPT_OUT_ALL, number, null, Instant.now()));
        Await.until("the opt-out suppresses", () -> index.suppressingScope(number, "any").await().atMost(TIMEOUT)
                .isPresent());
        given().auth().oauth2(TestTokens.token("admin")).queryParam("reason", "DSR-2")
                .delete("/numbers/" + number + "/personal-data").then().statusCode(200);
        try (TopicProbe rejected = TopicProbe.open(Topics.MESSAGE_REJECTED)) {
            // Redis loses the copy (a restart without persistence): the screening waits until it is loaded again.
            redis.send(Request.cmd(Command.DEL).arg(ErasedSuppressionIndex.KEY_PREFIX + hmac.of(number))
                    .arg(ErasedSuppressionIndex.MARKER)).await().atMost(TIMEOUT);
            MessageRequested request = TestEvents.marketing(number, "other-program");
            TestProducer.send(request);
            MessageRejected rejection = rejected.awaitEvent(MessageRejected.class,
                    r -> r.messageId().equals(request.messageId()), TIMEOUT);
            assertEquals(RejectionReason.OPTED_OUT, rejection.reason());
            assertEquals("opted out (global)", rejection.detail());
        }
    }

    @Test
    void anErasedPersonWhoOptsInAgainIsSentToAgainButAGlobalOptOutStays() {
        String number = TestNumbers.frenchMobile();
        Instant t = Instant.now();
        TestProducer.sendAll(List.of(TestEvents.consent(ConsentAction.OPT_OUT, number, "promo", t),
                TestEvents.consent(ConsentAction.OPT_OUT, number, "alerts", t)));
        Await.until("both opt-outs suppress", () -> index.entries(number).await().atMost(TIMEOUT).size() == 2);
        given().auth().oauth2(TestTokens.token("admin")).queryParam("reason", "DSR-3")
                .delete("/numbers/" + number + "/personal-data").then().statusCode(200);
        try (TopicProbe rejected = TopicProbe.open(Topics.MESSAGE_REJECTED);
                TopicProbe approved = TopicProbe.open(Topics.MESSAGE_APPROVED)) {
            TestProducer.send(TestEvents.consent(ConsentAction.OPT_IN, number, "promo", Instant.now()));
            // The opt-in reaches the timeline's consumer: the next request to promo is approved, alerts stays off.
            // The erasure took the consent records too: marketing needs a new grant (an opt-in grants none).
            Await.until("the opt-in in the timeline", () -> timeline.countOfNumber(number) == 1);
            TestConsents.grant(consents, number, "promo");
            TestConsents.grant(consents, number, "alerts");
            MessageRequested promo = TestEvents.marketing(number, "promo");
            MessageRequested alerts = TestEvents.marketing(number, "alerts");
            TestProducer.sendAll(List.of(promo, alerts));
            approved.awaitEvent(org.compliantsms.events.MessageApproved.class,
                    a -> a.messageId().equals(promo.messageId()), TIMEOUT);
            assertEquals("opted out (program:alerts)", rejected.awaitEvent(MessageRejected.class,
                    r -> r.messageId().equals(alerts.messageId()), TIMEOUT).detail());
        }
    }

    @Test
    void anErasureNeedsAReasonAndANumber() {
        given().auth().oauth2(TestTokens.token("admin")).delete("/numbers/" + TestNumbers.frenchMobile()
                + "/personal-data").then().statusCode(400);
        given().auth().oauth2(TestTokens.token("admin")).queryParam("reason", "x")
                .delete("/numbers/not-a-number/personal-data").then().statusCode(400);
    }

    private void assertErasureRecorded(String number, Optional<String[]> record) {
        String[] row = record.orElseThrow();
        assertEquals("data-subject request DSR-1", row[1]);
        assertFalse(row[0].isBlank(), "the actor");
        assertTrue(row[2].contains("timeline=3"), row[2]);
        assertEquals("program:promo", row[3]);
        for (String column : row) {
            assertFalse(column.contains(number.substring(1)), "no column holds the number: " + column);
        }
    }

    private Optional<String[]> erasure(String numberHmac) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select actor, reason, removed, suppressed_scopes, number_hmac from erasure_record "
                                + "where number_hmac = ?")) {
            select.setString(1, numberHmac);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(new String[] { rows.getString(1), rows.getString(2),
                        rows.getString(3), rows.getString(4), rows.getString(5) }) : Optional.empty();
            }
        }
    }

    private long rowsNaming(String table, String recipient) throws SQLException {
        try (var connection = dataSource.getConnection();
                var select = connection.prepareStatement("select count(*) from " + table + " where recipient = ?")) {
            select.setString(1, recipient);
            try (var rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
