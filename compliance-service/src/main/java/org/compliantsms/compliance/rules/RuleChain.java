package org.compliantsms.compliance.rules;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.compliance.consent.ConsentRule;
import org.compliantsms.compliance.numbers.BlockedPrefixRule;
import org.compliantsms.compliance.numbers.DestinationCountryRule;
import org.compliantsms.compliance.numbers.LandlineRule;
import org.compliantsms.compliance.numbers.SmsCapableRule;
import org.compliantsms.compliance.numbers.ValidNumberRule;
import org.compliantsms.compliance.quiethours.QuietHoursRule;

/**
 * The pure rules, in order: the first rejection wins; a deferral stands only if no later rule rejects (a message
 * that can never be sent is not kept waiting). Rules that read stored state (suppression, consent) are decided
 * after the batch's Redis round trip and win over a deferral too: {@link #consent()} says which messages need a
 * consent record read in that round trip.
 */
@ApplicationScoped
public class RuleChain {
    private final List<Rule> rules;
    private final ConsentRule consent;

    public RuleChain(ValidNumberRule valid, BlockedPrefixRule blockedPrefix, DestinationCountryRule country,
            LandlineRule landline, SmsCapableRule smsCapable, ValidUntilRule validUntil, QuietHoursRule quietHours,
            ConsentRule consent) {
        this.rules = List.of(valid, blockedPrefix, country, landline, smsCapable, validUntil, quietHours);
        this.consent = consent;
    }

    /** The jurisdiction rule of MARKETING consent, decided after the batch's Redis round trip. */
    public ConsentRule consent() {
        return consent;
    }

    public Decision decide(Screened message, Instant now) {
        Instant notBefore = message.request().notBefore();
        Instant sendAt = notBefore != null && notBefore.isAfter(now) ? notBefore : now;
        Decision deferred = Decision.APPROVE;
        for (Rule rule : rules) {
            Decision decision = rule.check(message, sendAt);
            if (decision instanceof Decision.Reject) {
                return decision;
            }
            if (decision instanceof Decision.Defer) {
                deferred = decision;
            }
        }
        return deferred;
    }

    public List<String> names() {
        return Stream.concat(rules.stream().map(Rule::name), Stream.of(consent.name())).toList();
    }
}
