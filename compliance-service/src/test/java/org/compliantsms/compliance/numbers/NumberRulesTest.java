package org.compliantsms.compliance.numbers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;

import org.compliantsms.compliance.consent.ConsentConfig;
import org.compliantsms.compliance.consent.ConsentRule;
import org.compliantsms.compliance.rules.Decision;
import org.compliantsms.compliance.rules.RuleChain;
import org.compliantsms.compliance.rules.Screened;
import org.compliantsms.compliance.rules.TestConfig;
import org.compliantsms.compliance.rules.ValidUntilRule;
import org.compliantsms.compliance.quiethours.QuietHoursConfig;
import org.compliantsms.compliance.quiethours.QuietHoursPolicy;
import org.compliantsms.compliance.quiethours.QuietHoursRule;
import org.compliantsms.compliance.quiethours.RecipientZones;
import org.compliantsms.events.Category;
import org.compliantsms.events.MessageRequested;
import org.compliantsms.events.RejectionReason;
import org.junit.jupiter.api.Test;

/** The number and country rules through the chain, each rejection with its reason and its rule. */
class NumberRulesTest {
    static final NumberRulesConfig NUMBERS = TestConfig.mapping(NumberRulesConfig.class, Map.of(
            "compliance.numbers.programs.fr-only.allowed-countries", "FR,BE",
            "compliance.numbers.landline-sms-countries", "GB"));
    static final QuietHoursConfig QUIET = TestConfig.mapping(QuietHoursConfig.class,
            Map.of("compliance.quiet-hours.enabled", "false"));
    static final RuleChain CHAIN = new RuleChain(new ValidNumberRule(), new BlockedPrefixRule(NUMBERS),
            new DestinationCountryRule(NUMBERS), new LandlineRule(NUMBERS), new SmsCapableRule(), new ValidUntilRule(),
            new QuietHoursRule(QUIET, new QuietHoursPolicy(QUIET), new RecipientZones()),
            new ConsentRule(TestConfig.mapping(ConsentConfig.class, Map.of())));

    static Decision decide(String number, String program, Category category) {
        return CHAIN.decide(Screened.of(new MessageRequested("m-1", program, null, category, number, "Hello", "ACME",
                null, null, null, Instant.now())), Instant.now());
    }

    static void assertRejected(RejectionReason reason, String rule, Decision decision) {
        Decision.Reject reject = assertInstanceOf(Decision.Reject.class, decision);
        assertEquals(reason, reject.reason(), reject.detail());
        assertEquals(rule, reject.rule());
    }

    @Test
    void mobilesAndSharedRangesPass() {
        assertEquals(Decision.APPROVE, decide("+33612345678", "promo", Category.MARKETING));
        assertEquals(Decision.APPROVE, decide("+12125550123", "promo", Category.MARKETING), "NANP: FIXED_LINE_OR_MOBILE");
    }

    @Test
    void invalidNumbersAreInvalid() {
        assertRejected(RejectionReason.INVALID_NUMBER, "number.valid", decide("0612345678", "promo", Category.MARKETING));
        assertRejected(RejectionReason.INVALID_NUMBER, "number.valid", decide("+3361234", "promo", Category.MARKETING));
    }

    @Test
    void satelliteAndPremiumRatePrefixesAreBlocked() {
        assertRejected(RejectionReason.BLOCKED_PREFIX, "number.blocked-prefix",
                decide("+881612345678", "promo", Category.TRANSACTIONAL));
        assertRejected(RejectionReason.BLOCKED_PREFIX, "number.blocked-prefix",
                decide("+870773111632", "promo", Category.TRANSACTIONAL));
        // French premium rate (08 9x), by its type
        Decision.Reject premium = assertInstanceOf(Decision.Reject.class,
                decide("+33892123456", "promo", Category.TRANSACTIONAL));
        assertEquals(RejectionReason.BLOCKED_PREFIX, premium.reason());
        assertTrue(premium.detail().contains("PREMIUM_RATE") && !premium.detail().contains("892123456"),
                premium.detail());
    }

    @Test
    void landlinesAreRejectedWhereTheyCannotReceiveSms() {
        assertRejected(RejectionReason.LANDLINE, "number.landline", decide("+33142685300", "promo", Category.MARKETING));
        assertEquals(Decision.APPROVE, decide("+442079460123", "promo", Category.TRANSACTIONAL),
                "GB is configured as landline-capable");
        assertRejected(RejectionReason.INVALID_NUMBER, "number.sms-capable",
                decide("+33800123456", "promo", Category.TRANSACTIONAL)); // toll free
    }

    @Test
    void aProgramSendsOnlyToItsCountriesButAConfirmationGoesAnywhere() {
        assertEquals(Decision.APPROVE, decide("+33612345678", "fr-only", Category.MARKETING));
        assertRejected(RejectionReason.COUNTRY_BLOCKED, "number.country",
                decide("+34612345678", "fr-only", Category.MARKETING));
        assertEquals(Decision.APPROVE, decide("+34612345678", "fr-only", Category.CONFIRMATION));
        assertEquals(Decision.APPROVE, decide("+34612345678", "promo", Category.MARKETING));
    }
}
