package org.compliantsms.compliance.numbers;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.compliance.rules.Decision;
import org.compliantsms.compliance.rules.Rule;
import org.compliantsms.compliance.rules.Screened;
import org.compliantsms.events.RejectionReason;

/**
 * Each program sends only to its allowed destination countries (all when none are configured). The one reply to a
 * keyword goes wherever the keyword came from: an opt-out is confirmed in any country.
 */
@ApplicationScoped
public class DestinationCountryRule implements Rule {
    private final Optional<Set<String>> allowed;
    private final Map<String, Set<String>> perProgram = new HashMap<>();

    public DestinationCountryRule(NumberRulesConfig config) {
        this.allowed = config.allowedCountries().map(Set::copyOf);
        config.programs().forEach((program, rules) -> rules.allowedCountries()
                .ifPresent(countries -> perProgram.put(program, Set.copyOf(countries))));
    }

    @Override
    public String name() {
        return "number.country";
    }

    @Override
    public Decision check(Screened message, Instant sendAt) {
        if (message.request().category().isKeywordReply()) {
            return Decision.APPROVE;
        }
        Set<String> countries = perProgram.get(message.request().programId());
        if (countries == null) {
            countries = allowed.orElse(null);
        }
        if (countries == null) {
            return Decision.APPROVE;
        }
        String region = message.number().region();
        return countries.contains(region) ? Decision.APPROVE
                : reject(RejectionReason.COUNTRY_BLOCKED, "destination " + region + " is not allowed for program "
                        + message.request().programId());
    }
}
