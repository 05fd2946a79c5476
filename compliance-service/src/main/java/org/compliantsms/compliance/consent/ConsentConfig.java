package org.compliantsms.compliance.consent;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where MARKETING needs a consent record (docs/compliance.md#consent). */
@ConfigMapping(prefix = "compliance.consent")
public interface ConsentConfig {
    /** The rule {@value ConsentRule#NAME}; on unless a deployment says otherwise (and says why). */
    @WithDefault("true")
    boolean enabled();

    /**
     * Countries (ISO 3166) whose law asks for consent before marketing SMS: the EU and EEA (GDPR Art. 6/7, ePrivacy
     * Art. 13), the UK (PECR reg. 22), the US (TCPA, 47 CFR 64.1200), Canada (CASL), Australia (Spam Act 2003).
     * Required whatever {@link #requiredByDefault()} says; only an exemption lifts them.
     */
    @WithDefault("AT,BE,BG,HR,CY,CZ,DK,EE,FI,FR,DE,GR,HU,IE,IT,LV,LT,LU,MT,NL,PL,PT,RO,SK,SI,ES,SE,IS,LI,NO,"
            + "GB,US,CA,AU")
    Set<String> requiredCountries();

    /** Countries in neither list: consent is required unless this says otherwise. */
    @WithDefault("true")
    boolean requiredByDefault();

    /** Countries where no program needs a consent record (a documented legal basis other than consent). */
    Optional<Set<String>> exemptCountries();

    Map<String, Program> programs();

    interface Program {
        /**
         * Countries where this program needs no consent record, {@code *} for all: e.g. a soft opt-in of existing
         * customers (PECR reg. 22(3), ePrivacy Art. 13(2)) that the program's owner documented.
         */
        Optional<Set<String>> exemptCountries();
    }
}
