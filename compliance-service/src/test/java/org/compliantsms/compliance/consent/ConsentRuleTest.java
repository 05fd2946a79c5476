package org.compliantsms.compliance.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.compliantsms.compliance.rules.Decision;
import org.compliantsms.compliance.rules.Screened;
import org.compliantsms.compliance.rules.TestConfig;
import org.compliantsms.events.Category;
import org.compliantsms.events.MessageRequested;
import org.compliantsms.events.RejectionReason;
import org.junit.jupiter.api.Test;

/** Where MARKETING needs consent, with the service's configuration and with exemptions. */
class ConsentRuleTest {
    static final String FR = "+33612345678";
    static final String US = "+12125550123";
    static final String JP = "+819012345678";
    static final String BR = "+5511987654321";

    static ConsentRule rule(Map<String, String> config) {
        return new ConsentRule(TestConfig.mapping(ConsentConfig.class, config));
    }

    static Screened message(String number, String program, Category category) {
        return Screened.of(new MessageRequested("m", program, null, category, number, "Sale", "ACME", null, null, null,
                Instant.EPOCH));
    }

    @Test
    void byDefaultMarketingNeedsConsentInTheLegalListAndInEveryOtherCountry() {
        ConsentRule rule = rule(Map.of());
        for (String country : List.of("FR", "DE", "IE", "NO", "IS", "LI", "GB", "US", "CA", "AU")) {
            assertTrue(rule.requiredIn(country, "promo"), country);
        }
        assertTrue(rule.requiredIn("JP", "promo"), "unknown countries default to required");
        assertTrue(rule.required(message(FR, "promo", Category.MARKETING)));
        assertTrue(rule.required(message(US, "promo", Category.MARKETING)));
    }

    @Test
    void transactionalAndKeywordRepliesNeverNeedConsent() {
        ConsentRule rule = rule(Map.of());
        for (Category category : List.of(Category.TRANSACTIONAL, Category.CONFIRMATION, Category.HELP)) {
            assertFalse(rule.required(message(FR, "promo", category)), category.name());
        }
    }

    @Test
    void notRequiredByDefaultLeavesOnlyTheLegalListRequired() {
        ConsentRule rule = rule(Map.of("compliance.consent.required-by-default", "false"));
        assertTrue(rule.required(message(FR, "promo", Category.MARKETING)));
        assertTrue(rule.required(message(US, "promo", Category.MARKETING)));
        assertFalse(rule.required(message(JP, "promo", Category.MARKETING)));
    }

    @Test
    void exemptionsPerCountryAndPerProgramLiftTheRequirementThereOnly() {
        ConsentRule rule = rule(Map.of("compliance.consent.exempt-countries", "BR",
                "compliance.consent.programs.customers.exempt-countries", "GB,FR",
                "compliance.consent.programs.internal.exempt-countries", "*"));
        assertFalse(rule.required(message(BR, "promo", Category.MARKETING)));
        assertFalse(rule.required(message(FR, "customers", Category.MARKETING)), "the program's soft opt-in");
        assertTrue(rule.required(message(FR, "promo", Category.MARKETING)), "another program is not exempt");
        assertTrue(rule.required(message(US, "customers", Category.MARKETING)), "only its countries");
        assertFalse(rule.required(message(US, "internal", Category.MARKETING)));
        assertFalse(rule.required(message(JP, "internal", Category.MARKETING)));
    }

    @Test
    void offMeansNoMessageNeedsConsent() {
        ConsentRule rule = rule(Map.of("compliance.consent.enabled", "false"));
        assertFalse(rule.required(message(FR, "promo", Category.MARKETING)));
    }

    @Test
    void withoutAnActiveRecordItRejectsNoConsentNamingItself() {
        ConsentRule rule = rule(Map.of());
        Screened fr = message(FR, "promo", Category.MARKETING);
        Decision.Reject reject = assertInstanceOf(Decision.Reject.class, rule.check(fr, Optional.empty()));
        assertEquals(RejectionReason.NO_CONSENT, reject.reason());
        assertEquals("marketing.consent", reject.rule());
        assertTrue(reject.detail().contains("FR") && !reject.detail().contains("12345678"), reject.detail());
        assertEquals(Decision.APPROVE, rule.check(fr, Optional.of("consent-1")));
    }
}
