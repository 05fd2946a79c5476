package org.compliantsms.compliance.quiethours;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.events.PhoneNumbers.Classified;

/** The configured windows, read once: which window applies to a program's message to a number. */
@ApplicationScoped
public class QuietHoursPolicy {
    private final PublicHolidays holidays;
    private final DailyWindow fallback;
    private final Map<String, CountryWindows> countries = new HashMap<>();
    private final Map<String, Narrowing> programs = new HashMap<>();

    public QuietHoursPolicy(QuietHoursConfig config) {
        this.holidays = PublicHolidays.load();
        this.fallback = window("default", config.fallback().window(), config.fallback().days(),
                config.fallback().holidays(), null);
        config.countries().forEach((country, rule) -> {
            DailyWindow base = window(country, rule.window(), rule.days(), rule.holidays(), country);
            Map<String, DailyWindow> byAreaCode = new HashMap<>();
            rule.regions().forEach((name, region) -> {
                DailyWindow regional = window(country + "." + name, region.window().orElse(rule.window()),
                        region.days().orElse(rule.days()), rule.holidays(), country);
                region.areaCodes().forEach(code -> byAreaCode.put(code.strip(), regional));
            });
            int codeLength = byAreaCode.keySet().stream().mapToInt(String::length).max().orElse(0);
            if (byAreaCode.keySet().stream().anyMatch(code -> code.length() != codeLength)) {
                throw new IllegalArgumentException("compliance.quiet-hours.countries." + country
                        + ".regions: area codes of one country have one length");
            }
            countries.put(country, new CountryWindows(base, Map.copyOf(byAreaCode), codeLength));
        });
        config.programs().forEach((program, rule) -> {
            try {
                DailyWindow own = rule.window().map(w -> DailyWindow.parse(w, "MON-SUN", null)).orElse(null);
                programs.put(program, new Narrowing(own == null ? null : own.start(), own == null ? null : own.end(),
                        own != null, rule.days().map(DailyWindow::parseDays).orElse(null),
                        rule.holidays().orElse(false)));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("compliance.quiet-hours.programs." + program + ": "
                        + e.getMessage(), e);
            }
        });
    }

    private DailyWindow window(String name, String window, String days, boolean closedOnHolidays, String country) {
        HolidayCalendar calendar = null;
        if (closedOnHolidays) {
            calendar = country == null ? null : holidays.of(country).orElseThrow(() -> new IllegalArgumentException(
                    "compliance.quiet-hours." + name + ".holidays=true but " + PublicHolidays.DATA_SET
                            + " has no holidays for " + country));
        }
        try {
            return DailyWindow.parse(window, days, calendar);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("compliance.quiet-hours." + name + ": " + e.getMessage(), e);
        }
    }

    public DailyWindow windowFor(String programId, Classified number, String country) {
        CountryWindows rules = countries.get(country);
        DailyWindow window = rules == null ? fallback : rules.of(number);
        Narrowing program = programs.get(programId);
        if (program == null) {
            return window;
        }
        HolidayCalendar calendar = program.holidays() ? holidays.of(country).orElse(null) : null;
        // A program window ending at 24:00 keeps the country's end.
        LocalTime end = program.hasWindow() && program.end() != null ? program.end() : null;
        return window.narrowedBy(program.start(), end, program.days(), calendar);
    }

    /** A program's own limits, each null when it sets none. */
    private record Narrowing(LocalTime start, LocalTime end, boolean hasWindow, Set<DayOfWeek> days,
            boolean holidays) {
    }

    private record CountryWindows(DailyWindow base, Map<String, DailyWindow> byAreaCode, int codeLength) {
        DailyWindow of(Classified number) {
            if (byAreaCode.isEmpty()) {
                return base;
            }
            String national = Long.toString(number.number().getNationalNumber());
            DailyWindow regional = national.length() < codeLength ? null
                    : byAreaCode.get(national.substring(0, codeLength));
            return regional == null ? base : regional;
        }
    }
}
