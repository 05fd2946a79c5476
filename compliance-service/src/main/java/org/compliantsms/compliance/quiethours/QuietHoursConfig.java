package org.compliantsms.compliance.quiethours;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * When MARKETING may reach a recipient, in the recipient's local time (docs/compliance.md#quiet-hours). A window is
 * {@code HH:mm-HH:mm} (seconds allowed, {@code 24:00} is the end of the day), the end excluded; days are
 * {@code MON-SAT} or {@code MON,WED,FRI}.
 */
@ConfigMapping(prefix = "compliance.quiet-hours")
public interface QuietHoursConfig {
    @WithDefault("true")
    boolean enabled();

    /** Countries without a rule of their own. */
    @WithName("default")
    Window fallback();

    /** Per country (ISO 3166), e.g. {@code compliance.quiet-hours.countries.US.window=08:00-21:00}. */
    Map<String, Country> countries();

    /** Per program: narrows the country's window, never widens it. */
    Map<String, Program> programs();

    interface Window {
        @WithDefault("08:00-21:00")
        String window();

        @WithDefault("MON-SUN")
        String days();

        /** Closed on the country's public holidays (the data set must know the country). */
        @WithDefault("false")
        boolean holidays();
    }

    interface Country {
        @WithDefault("08:00-21:00")
        String window();

        @WithDefault("MON-SUN")
        String days();

        @WithDefault("false")
        boolean holidays();

        /** Parts of the country told by the number's first national digits (NANP: the area code). */
        Map<String, Region> regions();
    }

    interface Region {
        List<String> areaCodes();

        Optional<String> window();

        Optional<String> days();
    }

    interface Program {
        Optional<String> window();

        Optional<String> days();

        /** True adds the country's public holidays; false removes nothing. */
        Optional<Boolean> holidays();
    }
}
