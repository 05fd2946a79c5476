package org.compliantsms.compliance.quiethours;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.compliantsms.compliance.rules.Decision;
import org.compliantsms.compliance.rules.Screened;
import org.compliantsms.compliance.rules.TestConfig;
import org.compliantsms.events.Category;
import org.compliantsms.events.MessageRequested;
import org.compliantsms.events.PhoneNumbers;
import org.compliantsms.events.RejectionReason;
import org.junit.jupiter.api.Test;

/** The rule with the service's own configuration: zones from the number, the US, Florida and France. */
class QuietHoursRuleTest {
    static final QuietHoursConfig CONFIG = TestConfig.mapping(QuietHoursConfig.class,
            Map.of("compliance.quiet-hours.programs.early-birds.window", "09:00-12:00"));
    static final QuietHoursRule RULE = new QuietHoursRule(CONFIG, new QuietHoursPolicy(CONFIG), new RecipientZones());

    static Screened marketing(String number, String program, Instant validUntil) {
        return Screened.of(new MessageRequested("m-1", program, null, Category.MARKETING, number, "Sale", "ACME", null,
                null, validUntil, Instant.now()));
    }

    @Test
    void theTimeZoneComesFromTheNumber() {
        RecipientZones zones = new RecipientZones();
        assertEquals(List.of(ZoneId.of("Europe/Paris")),
                zones.of(PhoneNumbers.classifyE164("+33612345678").number()));
        assertEquals(List.of(ZoneId.of("America/New_York")),
                zones.of(PhoneNumbers.classifyE164("+12125550123").number()));
        assertEquals(List.of(ZoneId.of("America/Los_Angeles")),
                zones.of(PhoneNumbers.classifyE164("+14155550123").number()));
    }

    @Test
    void aNewYorkNumberAt22IsDeferredTo8AndAFloridaNumberCloses8Pm() {
        Instant at2030Est = Instant.parse("2026-12-03T01:30:00Z");
        assertEquals(Decision.APPROVE, RULE.check(marketing("+12125550123", "promo", null), at2030Est));
        // Miami (305), same zone: Florida closes at 20:00
        Decision miami = RULE.check(marketing("+13055550123", "promo", null), at2030Est);
        Decision.Defer defer = assertInstanceOf(Decision.Defer.class, miami);
        assertEquals(Instant.parse("2026-12-03T13:00:00Z"), defer.until());
        assertEquals("marketing.quiet-hours", defer.rule());
        assertTrue(defer.detail().contains("America/New_York"), defer.detail());
        assertTrue(!defer.detail().contains("5550123"), "no full number in a detail: " + defer.detail());
    }

    @Test
    void aFrenchNumberOnSundayWaitsForMondayAndExpiresWhenValidUntilComesFirst() {
        Instant sundayNoon = Instant.parse("2026-12-06T11:00:00Z");
        Decision.Defer defer = assertInstanceOf(Decision.Defer.class,
                RULE.check(marketing("+33612345678", "promo", null), sundayNoon));
        assertEquals(Instant.parse("2026-12-07T07:00:00Z"), defer.until());
        Decision.Reject expired = assertInstanceOf(Decision.Reject.class,
                RULE.check(marketing("+33612345678", "promo", Instant.parse("2026-12-06T20:00:00Z")), sundayNoon));
        assertEquals(RejectionReason.EXPIRED, expired.reason());
        assertEquals("marketing.quiet-hours", expired.rule());
    }

    @Test
    void aProgramNarrowsTheWindowAndOtherCategoriesAreNotConcerned() {
        Instant mondayEleven = Instant.parse("2026-12-07T10:00:00Z");
        Instant mondayOne = Instant.parse("2026-12-07T12:00:00Z");
        assertEquals(Decision.APPROVE, RULE.check(marketing("+33612345678", "early-birds", null), mondayEleven));
        Decision.Defer defer = assertInstanceOf(Decision.Defer.class,
                RULE.check(marketing("+33612345678", "early-birds", null), mondayOne));
        assertEquals(Instant.parse("2026-12-08T08:00:00Z"), defer.until(), "Tuesday 09:00 CET");
        Screened transactional = Screened.of(new MessageRequested("m-2", "promo", null, Category.TRANSACTIONAL,
                "+33612345678", "Your code", "ACME", null, null, null, Instant.now()));
        assertEquals(Decision.APPROVE, RULE.check(transactional, Instant.parse("2026-12-06T02:00:00Z")));
    }
}
