package org.compliantsms.compliance.numbers;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.compliance.rules.Decision;
import org.compliantsms.compliance.rules.Rule;
import org.compliantsms.compliance.rules.Screened;
import org.compliantsms.events.RejectionReason;

import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;

/** Blocked ranges: configured prefixes (satellite, international premium) and premium-rate numbers by type. */
@ApplicationScoped
public class BlockedPrefixRule implements Rule {
    private final List<String> prefixes;
    private final Set<PhoneNumberType> types;

    public BlockedPrefixRule(NumberRulesConfig config) {
        for (String prefix : config.blockedPrefixes()) {
            if (!prefix.matches("\\+[0-9]{1,15}")) {
                throw new IllegalArgumentException("compliance.numbers.blocked-prefixes: not an E.164 prefix: "
                        + prefix);
            }
        }
        this.prefixes = List.copyOf(config.blockedPrefixes());
        this.types = Set.copyOf(config.blockedTypes());
    }

    @Override
    public String name() {
        return "number.blocked-prefix";
    }

    @Override
    public Decision check(Screened message, Instant sendAt) {
        String e164 = message.number().e164();
        for (String prefix : prefixes) {
            if (e164.startsWith(prefix)) {
                return reject(RejectionReason.BLOCKED_PREFIX, "blocked prefix " + prefix + ": " + message.masked());
            }
        }
        PhoneNumberType type = message.number().type();
        if (types.contains(type)) {
            return reject(RejectionReason.BLOCKED_PREFIX, "blocked number type " + type + ": " + message.masked());
        }
        return Decision.APPROVE;
    }
}
