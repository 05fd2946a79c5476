package org.compliantsms.compliance.honour;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.compliantsms.compliance.quiethours.HolidayCalendar;

/**
 * One jurisdiction's deadline to honour an opt-out received at a given instant.
 *
 * @param rule what is shown in the report, e.g. {@code US: 10 business days (47 CFR 64.1200(a)(10))}
 */
public record HonourDeadline(String rule, Integer businessDays, Duration within, List<ZoneId> zones,
        HolidayCalendar holidays) {

    /**
     * The last instant the opt-out may take effect. Business days: the end of the Nth business day after the day of
     * receipt, in the recipient's time zone (the earliest end when the number may be in several zones: the strictest).
     */
    public Instant deadline(Instant received) {
        if (businessDays == null) {
            return received.plus(within);
        }
        Instant earliest = null;
        for (ZoneId zone : zones) {
            LocalDate day = received.atZone(zone).toLocalDate();
            int counted = 0;
            while (counted < businessDays) {
                day = day.plusDays(1);
                if (isBusinessDay(day)) {
                    counted++;
                }
            }
            Instant end = day.plusDays(1).atStartOfDay(zone).toInstant().minusMillis(1);
            if (earliest == null || end.isBefore(earliest)) {
                earliest = end;
            }
        }
        return earliest;
    }

    private boolean isBusinessDay(LocalDate day) {
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY
                && !holidays.isHoliday(day);
    }
}
