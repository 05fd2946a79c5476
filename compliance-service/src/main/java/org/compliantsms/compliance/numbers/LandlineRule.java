package org.compliantsms.compliance.numbers;

import java.time.Instant;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.compliance.rules.Decision;
import org.compliantsms.compliance.rules.Rule;
import org.compliantsms.compliance.rules.Screened;
import org.compliantsms.events.RejectionReason;

import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;

/**
 * A fixed line (libphonenumber's FIXED_LINE) cannot receive SMS, except in the countries configured as able to.
 * FIXED_LINE_OR_MOBILE (the NANP and others where the ranges are shared) is sent to.
 */
@ApplicationScoped
public class LandlineRule implements Rule {
    private final Set<String> landlineSmsCountries;

    public LandlineRule(NumberRulesConfig config) {
        this.landlineSmsCountries = config.landlineSmsCountries().map(Set::copyOf).orElse(Set.of());
    }

    @Override
    public String name() {
        return "number.landline";
    }

    @Override
    public Decision check(Screened message, Instant sendAt) {
        if (message.number().type() != PhoneNumberType.FIXED_LINE
                || landlineSmsCountries.contains(message.number().region())) {
            return Decision.APPROVE;
        }
        return reject(RejectionReason.LANDLINE, "a fixed line cannot receive SMS: " + message.masked());
    }
}
