package org.compliantsms.compliance.quiethours;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.compliantsms.compliance.DataSet;

/**
 * Public holidays from the data set {@code compliance/public-holidays.txt}: per country, fixed dates
 * ({@code 07-14}) and dates relative to Western (Gregorian) Easter Sunday ({@code easter+1}), computed per year.
 */
public final class PublicHolidays {
    static final String DATA_SET = "compliance/public-holidays.txt";

    private final Map<String, Calendar> calendars;

    private PublicHolidays(Map<String, Calendar> calendars) {
        this.calendars = calendars;
    }

    public static PublicHolidays load() {
        return parse(DataSet.lines(DATA_SET));
    }

    static PublicHolidays parse(List<String> lines) {
        Map<String, List<String>> rules = new HashMap<>();
        int number = 0;
        for (String line : lines) {
            number++;
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            String[] fields = text.split("\\s+", 3);
            if (fields.length < 2) {
                throw new IllegalArgumentException(DATA_SET + " line " + number + ": expected COUNTRY RULE [name]");
            }
            Calendar.check(fields[1], number);
            rules.computeIfAbsent(fields[0], k -> new ArrayList<>()).add(fields[1]);
        }
        Map<String, Calendar> calendars = new HashMap<>();
        rules.forEach((country, list) -> calendars.put(country, new Calendar(country, List.copyOf(list))));
        return new PublicHolidays(Map.copyOf(calendars));
    }

    public Optional<HolidayCalendar> of(String country) {
        return Optional.ofNullable(calendars.get(country));
    }

    /** Western Easter Sunday (the anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
    static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = ((h + l - 7 * m + 114) % 31) + 1;
        return LocalDate.of(year, month, day);
    }

    private static final class Calendar implements HolidayCalendar {
        private final String country;
        private final List<String> rules;
        private final Map<Integer, Set<LocalDate>> years = new ConcurrentHashMap<>();

        Calendar(String country, List<String> rules) {
            this.country = country;
            this.rules = rules;
        }

        static void check(String rule, int line) {
            try {
                dateIn(rule, 2000);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(DATA_SET + " line " + line + ": not MM-DD or easter+N: " + rule, e);
            }
        }

        static LocalDate dateIn(String rule, int year) {
            if (rule.startsWith("easter")) {
                String offset = rule.substring("easter".length());
                return easterSunday(year).plusDays(offset.isEmpty() ? 0 : Integer.parseInt(offset));
            }
            return MonthDay.parse("--" + rule).atYear(year);
        }

        @Override
        public boolean isHoliday(LocalDate day) {
            return years.computeIfAbsent(day.getYear(), year -> {
                Set<LocalDate> dates = new HashSet<>();
                for (String rule : rules) {
                    dates.add(dateIn(rule, year));
                }
                return Set.copyOf(dates);
            }).contains(day);
        }

        @Override
        public String toString() {
            return "holidays " + country;
        }
    }
}
