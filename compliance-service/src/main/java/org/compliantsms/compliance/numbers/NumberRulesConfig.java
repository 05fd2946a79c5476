package org.compliantsms.compliance.numbers;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Which numbers and countries may be sent to (docs/compliance.md#numbers-and-countries). */
@ConfigMapping(prefix = "compliance.numbers")
public interface NumberRulesConfig {
    /**
     * E.164 prefixes never sent to: by default the satellite and international premium ranges (Inmarsat +870,
     * GMSS +881, international networks +882 and +883, International Premium Rate Service +979).
     */
    @WithDefault("+870,+881,+882,+883,+979")
    List<String> blockedPrefixes();

    /** Number types never sent to, reported BLOCKED_PREFIX: premium rate costs the recipient to answer. */
    @WithDefault("PREMIUM_RATE")
    Set<PhoneNumberType> blockedTypes();

    /** Countries (ISO 3166) whose fixed lines receive SMS (e.g. as text-to-speech); elsewhere LANDLINE. */
    Optional<Set<String>> landlineSmsCountries();

    /** Destination countries every program may send to when its own list is not set; absent: all. */
    Optional<Set<String>> allowedCountries();

    Map<String, Program> programs();

    interface Program {
        /** This program's destination countries (ISO 3166), replacing {@link #allowedCountries()}. */
        Optional<Set<String>> allowedCountries();
    }
}
