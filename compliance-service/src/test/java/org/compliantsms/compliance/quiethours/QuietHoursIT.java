package org.compliantsms.compliance.quiethours;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.compliantsms.compliance.consent.ConsentRecorder;
import org.compliantsms.compliance.consent.TestConsents;
import org.compliantsms.events.Category;
import org.compliantsms.events.MessageApproved;
import org.compliantsms.events.MessageRejected;
import org.compliantsms.events.MessageRequested;
import org.compliantsms.events.RejectionReason;
import org.compliantsms.events.SuppressionScope;
import org.compliantsms.events.Topics;
import org.compliantsms.suppression.SuppressionIndex;
import org.compliantsms.testing.PlatformTestResource;
import org.compliantsms.testing.TestEvents;
import org.compliantsms.testing.TestNumbers;
import org.compliantsms.testing.TestProducer;
import org.compliantsms.testing.TopicProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Quiet hours through the real broker, Redis and PostgreSQL. The French window of this profile opens
 * {@link WindowOpensSoon#AHEAD} after the profile is read, every day: the tests run while it is closed, then see
 * it open, whatever the wall-clock time.
 */
@QuarkusTest
@TestProfile(QuietHoursIT.WindowOpensSoon.class)
@WithTestResource(value = PlatformTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QuietHoursIT {
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    ConsentRecorder consents;
    static final Duration ON_TIME = Duration.ofSeconds(3);

    public static class WindowOpensSoon implements QuarkusTestProfile {
        static final Duration AHEAD = Duration.ofSeconds(45);
        static final ZoneId PARIS = ZoneId.of("Europe/Paris");
        static volatile Instant opening;

        @Override
        public Map<String, String> getConfigOverrides() {
            if (opening == null) { // read once, whoever asks for the overrides again
                opening = Instant.now().plus(AHEAD).truncatedTo(ChronoUnit.SECONDS);
            }
            LocalTime start = opening.atZone(PARIS).toLocalTime();
            LocalTime end = start.plusHours(1);
            return Map.of("compliance.quiet-hours.enabled", "true",
                    "compliance.quiet-hours.countries.FR.window",
                    start + "-" + (end.isBefore(start) ? "24:00" : end.toString()),
                    "compliance.quiet-hours.countries.FR.days", "MON-SUN",
                    "compliance.quiet-hours.countries.FR.holidays", "false");
        }
    }

    @Inject
    SuppressionIndex index;

    @Inject
    DataSource dataSource;

    TopicProbe approved;
    TopicProbe rejected;

    @BeforeEach
    void openProbes() {
        approved = TopicProbe.open(Topics.MESSAGE_APPROVED);
        rejected = TopicProbe.open(Topics.MESSAGE_REJECTED);
    }

    @AfterEach
    void closeProbes() {
        approved.close();
        rejected.close();
    }

    @Test
    @Order(1)
    void marketingWhoseValidUntilComesBeforeTheOpeningIsRejectedExpiredAtOnce() {
        assertTrue(Instant.now().isBefore(WindowOpensSoon.opening), "the window must still be closed");
        String number = TestNumbers.frenchMobile();
        MessageRequested base = TestEvents.marketing(number, "promo");
        MessageRequested late = new MessageRequested(base.messageId(), "promo", null, Category.MARKETING, number,
                base.body(), "ACME", null, null, Instant.now().plusSeconds(10), Instant.now());
        TestProducer.send(late);

        MessageRejected rejection = rejected.awaitEvent(MessageRejected.class,
                r -> r.messageId().equals(late.messageId()), TIMEOUT);
        assertEquals(RejectionReason.EXPIRED, rejection.reason());
        assertEquals("marketing.quiet-hours", rejection.rule());
        assertTrue(rejection.detail().contains("Europe/Paris"), rejection.detail());
        assertTrue(Instant.now().isBefore(WindowOpensSoon.opening), "rejected before the opening, not at it");
    }

    @Test
    @Order(2)
    void marketingOutsideTheWindowIsDeferredReleasedAtTheOpeningAndAnOptOutMeanwhileWins() throws SQLException {
        Instant opening = WindowOpensSoon.opening;
        assertTrue(Instant.now().isBefore(opening.minusSeconds(10)), "the window must still be closed for a while");
        String waits = TestNumbers.frenchMobile();
        String optsOut = TestNumbers.frenchMobile();
        TestConsents.grant(consents, waits, "promo");
        TestConsents.grant(consents, optsOut, "promo");
        MessageRequested marketing = TestEvents.marketing(waits, "promo");
        MessageRequested optedOutMeanwhile = TestEvents.marketing(optsOut, "promo");
        MessageRequested code = TestEvents.request(waits, "promo", Category.TRANSACTIONAL, "Your code is 1234");
        TestProducer.send(marketing);
        TestProducer.send(optedOutMeanwhile);
        TestProducer.send(code);

        // Behind the marketing message on its partition, a transactional one is approved at once ...
        approved.awaitEvent(MessageApproved.class, a -> a.messageId().equals(code.messageId()), TIMEOUT);
        // ... while both marketing messages wait in the deferral store, due at the opening.
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (waiting(marketing) + waiting(optedOutMeanwhile) < 2 && Instant.now().isBefore(deadline)) {
            sleep(100);
        }
        assertEquals(1, waiting(marketing));
        assertEquals(1, waiting(optedOutMeanwhile));
        assertEquals(opening, dueAt(marketing));
        assertTrue(approved.eventsDuring(MessageApproved.class, a -> a.recipient().equals(optsOut)
                || a.messageId().equals(marketing.messageId()), Duration.ofSeconds(1)).isEmpty());
        index.write(optsOut, SuppressionScope.program("promo"), true, Instant.now(), "test-stop").await()
                .atMost(TIMEOUT);

        Duration untilOpen = Duration.between(Instant.now(), opening);
        MessageApproved released = approved.awaitEvent(MessageApproved.class,
                a -> a.messageId().equals(marketing.messageId()), untilOpen.plus(TIMEOUT));
        assertFalse(released.approvedAt().isBefore(opening), released.approvedAt() + " before " + opening);
        assertTrue(Duration.between(opening, released.approvedAt()).compareTo(ON_TIME) <= 0,
                "released on time: " + Duration.between(opening, released.approvedAt()));
        assertEquals(marketing.body() + "\nSTOP au ACME", released.body(), "one footer, added at the release");
        assertTrue(released.footerAdded());

        MessageRejected rejection = rejected.awaitEvent(MessageRejected.class,
                r -> r.messageId().equals(optedOutMeanwhile.messageId()), TIMEOUT);
        assertEquals(RejectionReason.OPTED_OUT, rejection.reason());
        assertEquals("suppression.opt-out", rejection.rule());
        assertEquals(0, waiting(marketing) + waiting(optedOutMeanwhile), "released rows are gone");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private long waiting(MessageRequested request) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement count = connection.prepareStatement(
                        "select count(*) from deferred_record where id like ?")) {
            count.setString(1, "quiet-hours:" + request.messageId() + ":%");
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private Instant dueAt(MessageRequested request) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement due = connection.prepareStatement(
                        "select due_at from deferred_record where id like ?")) {
            due.setString(1, "quiet-hours:" + request.messageId() + ":%");
            try (ResultSet row = due.executeQuery()) {
                row.next();
                return row.getTimestamp(1).toInstant();
            }
        }
    }
}
