package org.compliantsms.compliance.consent;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.compliance.rules.Decision;
import org.compliantsms.compliance.rules.Screened;
import org.compliantsms.events.Category;
import org.compliantsms.events.RejectionReason;
import org.jboss.logging.Logger;

/**
 * MARKETING needs an active consent record where the recipient's jurisdiction asks for one ({@link ConsentConfig}).
 * Whether it is needed is pure (the number's country, the program); the record itself is read from the consent
 * index in the batch's one Redis round trip, next to suppression, so the rule is decided after it.
 */
@ApplicationScoped
public class ConsentRule {
    public static final String NAME = "marketing.consent";
    private static final Logger LOG = Logger.getLogger(ConsentRule.class);
    private static final String ALL = "*";

    private final boolean enabled;
    private final Set<String> required;
    private final boolean requiredByDefault;
    private final Set<String> exempt;
    private final Map<String, Set<String>> exemptPerProgram = new HashMap<>();

    public ConsentRule(ConsentConfig config) {
        this.enabled = config.enabled();
        this.required = Set.copyOf(config.requiredCountries());
        this.requiredByDefault = config.requiredByDefault();
        this.exempt = config.exemptCountries().map(Set::copyOf).orElse(Set.of());
        config.programs().forEach((program, rules) -> rules.exemptCountries()
                .ifPresent(countries -> exemptPerProgram.put(program, Set.copyOf(countries))));
        if (!enabled) {
            LOG.warn("the consent rule is OFF (compliance.consent.enabled=false): MARKETING is sent without consent");
        } else if (!exempt.isEmpty() || !exemptPerProgram.isEmpty() || !requiredByDefault) {
            LOG.infof("consent exemptions: countries %s, programs %s, required by default %s", exempt,
                    exemptPerProgram, requiredByDefault);
        }
    }

    public String name() {
        return NAME;
    }

    /** Whether this message may leave only with an active consent record (a valid number is assumed). */
    public boolean required(Screened message) {
        if (!enabled || message.request().category() != Category.MARKETING || message.number() == null) {
            return false;
        }
        return requiredIn(message.number().region(), message.request().programId());
    }

    /** Whether MARKETING of this program to this country (ISO 3166) needs a consent record. */
    public boolean requiredIn(String region, String programId) {
        Set<String> programExempt = exemptPerProgram.getOrDefault(programId, Set.of());
        if (programExempt.contains(ALL) || programExempt.contains(region) || exempt.contains(region)) {
            return false;
        }
        return required.contains(region) || requiredByDefault;
    }

    /**
     * The decision once the index was read.
     *
     * @param consentId the active consent record of the recipient for the program, if any
     */
    public Decision check(Screened message, Optional<String> consentId) {
        if (consentId.isPresent()) {
            return Decision.APPROVE;
        }
        return new Decision.Reject(NAME, RejectionReason.NO_CONSENT, "no active consent of the recipient for program "
                + message.request().programId() + " (consent required in " + message.number().region() + ")");
    }
}
