package org.compliantsms.compliance.screening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.compliantsms.compliance.consent.ConsentRecorder;
import org.compliantsms.compliance.consent.TestConsents;
import org.compliantsms.events.BodyChanges;
import org.compliantsms.events.Category;
import org.compliantsms.events.Encoding;
import org.compliantsms.events.MessageApproved;
import org.compliantsms.events.MessageRejected;
import org.compliantsms.events.MessageRequested;
import org.compliantsms.events.RejectionReason;
import org.compliantsms.events.Topics;
import org.compliantsms.testing.PlatformTestResource;
import org.compliantsms.testing.TestEvents;
import org.compliantsms.testing.TestNumbers;
import org.compliantsms.testing.TestProducer;
import org.compliantsms.testing.TopicProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The opt-out footer and the number rules through the real broker and Redis. */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ScreeningRulesIT {
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    ConsentRecorder consents;

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
    void theFooterIsAddedOnceEvenWhenTheRequestIsDeliveredTwice() {
        String number = TestNumbers.frenchMobile();
        TestConsents.grant(consents, number, "promo");
        MessageRequested request = TestEvents.marketing(number, "promo");
        TestProducer.send(request);
        TestProducer.send(request); // the same record again, as a producer's retry or a redelivery would bring it

        List<MessageApproved> approvals = approved.awaitEvents(MessageApproved.class,
                a -> a.messageId().equals(request.messageId()), 2, TIMEOUT);
        for (MessageApproved approval : approvals) {
            assertEquals("Winter sale: 20% off until Sunday.\nSTOP au ACME", approval.body());
            assertTrue(approval.footerAdded());
            assertEquals(new BodyChanges("\nSTOP au ACME", 0, Encoding.GSM7, 1), approval.changes());
            assertEquals(request, approval.request(), "the request is carried as it came");
        }
    }

    @Test
    void aBodyThatNamesAWayToStopAndTransactionalMessagesGetNoFooter() {
        String number = TestNumbers.frenchMobile();
        TestConsents.grant(consents, number, "promo");
        MessageRequested hasOne = TestEvents.request(number, "promo", Category.MARKETING,
                "Soldes d'hiver : -20 %. STOP au 36180");
        MessageRequested code = TestEvents.request(number, "promo", Category.TRANSACTIONAL, "Your code is 1234");
        MessageRequested english = new MessageRequested("test-en-" + hasOne.messageId(), "promo", null,
                Category.MARKETING, number, "Winter sale today", "ACME", "en-GB", null, null, hasOne.requestedAt());
        TestProducer.sendAll(List.of(hasOne, code, english));

        List<MessageApproved> approvals = approved.awaitEvents(MessageApproved.class, a -> a.recipient().equals(number),
                3, TIMEOUT);
        assertEquals(hasOne.body(), approvals.get(0).body());
        assertFalse(approvals.get(0).footerAdded());
        assertNull(approvals.get(0).changes());
        assertEquals(code.body(), approvals.get(1).body());
        assertEquals("Winter sale today\nReply STOP to opt out", approvals.get(2).body(),
                "the request's locale chooses the language");
    }

    @Test
    void landlinesBlockedPrefixesAndCountriesAreRejectedWithTheirReasonAndRule() {
        MessageRequested landline = TestEvents.marketing("+33142685300", "promo");
        MessageRequested satellite = TestEvents.request("+881612345678", "promo", Category.TRANSACTIONAL, "Hello");
        MessageRequested abroad = TestEvents.marketing("+34612345678", "fr-only");
        String french = TestNumbers.frenchMobile();
        TestConsents.grant(consents, french, "fr-only");
        MessageRequested home = TestEvents.marketing(french, "fr-only");
        TestProducer.sendAll(List.of(landline, satellite, abroad, home));

        assertRejected(landline, RejectionReason.LANDLINE, "number.landline");
        assertRejected(satellite, RejectionReason.BLOCKED_PREFIX, "number.blocked-prefix");
        assertRejected(abroad, RejectionReason.COUNTRY_BLOCKED, "number.country");
        assertEquals(home.messageId(), approved.awaitEvent(MessageApproved.class, a -> a.recipient().equals(french),
                TIMEOUT).messageId(), "the program's own country is allowed");
    }

    private void assertRejected(MessageRequested request, RejectionReason reason, String rule) {
        MessageRejected rejection = rejected.awaitEvent(MessageRejected.class,
                r -> r.messageId().equals(request.messageId()), TIMEOUT);
        assertEquals(reason, rejection.reason(), rejection.detail());
        assertEquals(rule, rejection.rule());
        assertFalse(rejection.detail().contains(request.recipient().substring(4)), "masked: " + rejection.detail());
    }
}
