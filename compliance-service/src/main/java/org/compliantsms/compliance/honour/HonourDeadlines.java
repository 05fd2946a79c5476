package org.compliantsms.compliance.honour;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.compliance.quiethours.HolidayCalendar;
import org.compliantsms.compliance.quiethours.PublicHolidays;
import org.compliantsms.compliance.quiethours.RecipientZones;
import org.compliantsms.events.PhoneNumbers;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

/** The deadline that applies to a number: its country's, else the EU/EEA one, else the default. */
@ApplicationScoped
public class HonourDeadlines {
    /** EU member states and the other EEA countries (GDPR and the ePrivacy Directive apply in all). */
    static final Set<String> EU_EEA = Set.of("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR",
            "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO");
    private static final HolidayCalendar NONE = day -> false;

    private final HonourConfig config;
    private final RecipientZones zones;
    private final PublicHolidays holidays = PublicHolidays.load();

    public HonourDeadlines(HonourConfig config, RecipientZones zones) {
        this.config = config;
        this.zones = zones;
        for (var entry : config.countries().entrySet()) {
            check(entry.getKey(), entry.getValue());
        }
        check("default", config.fallback());
    }

    /** @param country the number's country (ISO alpha-2), null when unknown */
    public HonourDeadline of(String recipient, String country) {
        String key = country != null && config.countries().containsKey(country) ? country
                : country != null && EU_EEA.contains(country) && config.countries().containsKey("EU") ? "EU" : null;
        HonourConfig.Deadline deadline = key == null ? config.fallback() : config.countries().get(key);
        String name = key == null ? "default" : key;
        return new HonourDeadline(describe(name, deadline), deadline.businessDays().orElse(null),
                deadline.within().orElse(null), zonesOf(recipient),
                country == null ? NONE : holidays.of(country).orElse(NONE));
    }

    private static String describe(String name, HonourConfig.Deadline deadline) {
        String limit = deadline.businessDays().map(days -> days + " business days")
                .orElseGet(() -> "within " + deadline.within().orElseThrow());
        return name + ": " + limit + (deadline.source().isBlank() ? "" : " (" + deadline.source() + ")");
    }

    private List<ZoneId> zonesOf(String recipient) {
        try {
            return zones.of(PhoneNumberUtil.getInstance().parse(recipient, null));
        } catch (NumberParseException e) {
            return List.of(ZoneOffset.UTC);
        }
    }

    private static void check(String name, HonourConfig.Deadline deadline) {
        if (deadline.businessDays().isPresent() == deadline.within().isPresent()) {
            throw new IllegalArgumentException("compliance.opt-out-honour." + (name.equals("default") ? name
                    : "countries." + name) + ": set exactly one of business-days and within");
        }
    }

    public static Optional<String> countryOf(String recipient) {
        try {
            String region = PhoneNumbers.regionOf(recipient);
            return region == null || "ZZ".equals(region) ? Optional.empty() : Optional.of(region);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
