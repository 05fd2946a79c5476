package org.compliantsms.compliance.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.compliantsms.compliance.consent.ConsentConfig;
import org.compliantsms.compliance.consent.ConsentRule;
import org.compliantsms.compliance.footer.BodyComposer;
import org.compliantsms.compliance.footer.FooterConfig;
import org.compliantsms.compliance.numbers.BlockedPrefixRule;
import org.compliantsms.compliance.numbers.DestinationCountryRule;
import org.compliantsms.compliance.numbers.LandlineRule;
import org.compliantsms.compliance.numbers.NumberRulesConfig;
import org.compliantsms.compliance.numbers.SmsCapableRule;
import org.compliantsms.compliance.numbers.ValidNumberRule;
import org.compliantsms.compliance.quiethours.QuietHoursConfig;
import org.compliantsms.compliance.quiethours.QuietHoursPolicy;
import org.compliantsms.compliance.quiethours.QuietHoursRule;
import org.compliantsms.compliance.quiethours.RecipientZones;
import org.compliantsms.events.Category;
import org.compliantsms.events.MessageRequested;
import org.junit.jupiter.api.Test;

/**
 * What the pure rules and the footer cost per message with the service's configuration, all rules on: they run on
 * the hot path before the batch's one Redis round trip. The bound is loose (a shared 2-core machine); it catches a
 * rule that parses or allocates per message what it should have read once.
 */
class RuleChainCostTest {
    static final int MESSAGES = 100_000;

    @Test
    void aMessageIsDecidedAndComposedInMicroseconds() {
        NumberRulesConfig numbers = TestConfig.mapping(NumberRulesConfig.class, Map.of());
        QuietHoursConfig quiet = TestConfig.mapping(QuietHoursConfig.class, Map.of());
        RuleChain chain = new RuleChain(new ValidNumberRule(), new BlockedPrefixRule(numbers),
                new DestinationCountryRule(numbers), new LandlineRule(numbers), new SmsCapableRule(),
                new ValidUntilRule(), new QuietHoursRule(quiet, new QuietHoursPolicy(quiet), new RecipientZones()),
                new ConsentRule(TestConfig.mapping(ConsentConfig.class, Map.of())));
        BodyComposer composer = new BodyComposer(TestConfig.mapping(FooterConfig.class, Map.of()));
        SplittableRandom random = new SplittableRandom(11);
        for (Category category : List.of(Category.TRANSACTIONAL, Category.MARKETING)) {
            List<MessageRequested> requests = new ArrayList<>(MESSAGES);
            for (int i = 0; i < MESSAGES; i++) {
                String number = i % 4 == 0 ? "+1212555" + String.format("%04d", random.nextInt(10_000))
                        : "+336" + "0245678".charAt(random.nextInt(7)) + String.format("%07d", random.nextInt(10_000_000));
                requests.add(new MessageRequested("m-" + i, "promo", null, category, number,
                        "Winter sale: 20% off until Sunday.", "36180", null, null, null, Instant.EPOCH));
            }
            Instant now = Instant.parse("2026-12-07T15:00:00Z"); // a Monday, open in Paris and New York
            int approved = run(chain, composer, requests, now); // warm-up
            long start = System.nanoTime();
            approved = run(chain, composer, requests, now);
            double perMessage = (System.nanoTime() - start) / 1_000.0 / MESSAGES;
            System.out.printf("%s: %.2f µs per message (rules + body)%n", category, perMessage);
            assertEquals(MESSAGES, approved);
            assertTrue(perMessage < 100, category + ": " + perMessage + " µs per message");
        }
    }

    private static int run(RuleChain chain, BodyComposer composer, List<MessageRequested> requests, Instant now) {
        int approved = 0;
        for (MessageRequested request : requests) {
            Screened screened = Screened.of(request);
            if (chain.decide(screened, now) == Decision.APPROVE) {
                composer.compose(request, screened.number().region());
                approved++;
            }
        }
        return approved;
    }
}
