package org.compliantsms.compliance.honour;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The legal deadline to honour an opt-out, per country of the number (ISO 3166 alpha-2), docs/compliance.md "Time to
 * honour". A deadline is a number of business days or a duration; {@code EU} applies to every EU/EEA country not
 * configured by itself, {@code default} to every other.
 */
@ConfigMapping(prefix = "compliance.opt-out-honour")
public interface HonourConfig {

    /** Keyed by country, or EU. */
    Map<String, Deadline> countries();

    /** Countries without a deadline of their own. */
    @io.smallrye.config.WithName("default")
    Deadline fallback();

    /** Rows of a report read from PostgreSQL per round trip. */
    @WithDefault("1000")
    int fetchSize();

    interface Deadline {
        /** Business days (Monday to Friday, less the country's public holidays when the data set has them). */
        Optional<Integer> businessDays();

        /** A duration, for laws that say "without undue delay" (a modelling choice: docs/compliance.md). */
        Optional<Duration> within();

        /** The law the deadline follows, shown in the report. */
        @WithDefault("")
        String source();
    }
}
