package org.compliantsms.compliance.quiethours;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The hours of each allowed day when a message may reach a recipient, in local time.
 *
 * @param end exclusive; null is the end of the day
 * @param holidays closed on these days (null: no holidays)
 */
public record DailyWindow(LocalTime start, LocalTime end, Set<DayOfWeek> days, HolidayCalendar holidays) {
    /** How far ahead an opening is looked for. */
    private static final int MAX_DAYS = 370;

    public DailyWindow {
        days = Set.copyOf(days);
        if (end != null && !start.isBefore(end)) {
            throw new IllegalArgumentException("a window ends after it starts: " + start + "-" + end);
        }
    }

    /** {@code 08:00-21:00}, {@code 08:00:30-20:00}, {@code 00:00-24:00}; days {@code MON-SAT} or {@code MON,TUE}. */
    public static DailyWindow parse(String window, String days, HolidayCalendar holidays) {
        String[] bounds = window.strip().split("-");
        if (bounds.length != 2) {
            throw new IllegalArgumentException("not a window (HH:mm-HH:mm): " + window);
        }
        LocalTime start = LocalTime.parse(bounds[0].strip());
        String endText = bounds[1].strip();
        LocalTime end = endText.equals("24:00") ? null : LocalTime.parse(endText);
        return new DailyWindow(start, end, parseDays(days), holidays);
    }

    static Set<DayOfWeek> parseDays(String text) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String part : text.split(",")) {
            String[] range = part.strip().split("-");
            DayOfWeek first = day(range[0]);
            DayOfWeek last = range.length > 1 ? day(range[1]) : first;
            for (DayOfWeek d = first;; d = d.plus(1)) {
                days.add(d);
                if (d == last) {
                    break;
                }
            }
        }
        return days;
    }

    private static DayOfWeek day(String text) {
        String prefix = text.strip().toUpperCase(Locale.ROOT);
        for (DayOfWeek day : DayOfWeek.values()) {
            if (prefix.length() >= 3 && day.name().startsWith(prefix)) {
                return day;
            }
        }
        throw new IllegalArgumentException("not a day of the week (MON ... SUN): " + text);
    }

    /** The stricter of both: the later start, the earlier end, the days both allow, the holidays of either. */
    public DailyWindow narrowedBy(LocalTime otherStart, LocalTime otherEnd, Set<DayOfWeek> otherDays,
            HolidayCalendar otherHolidays) {
        LocalTime newStart = otherStart != null && otherStart.isAfter(start) ? otherStart : start;
        LocalTime newEnd = end == null ? otherEnd : otherEnd == null || end.isBefore(otherEnd) ? end : otherEnd;
        Set<DayOfWeek> newDays = EnumSet.noneOf(DayOfWeek.class);
        newDays.addAll(days);
        if (otherDays != null) {
            newDays.retainAll(otherDays);
        }
        HolidayCalendar newHolidays = holidays == null ? otherHolidays
                : otherHolidays == null ? holidays : holidays.or(otherHolidays);
        if (newEnd != null && !newStart.isBefore(newEnd)) {
            newDays.clear(); // nothing left of the day: never open
            newEnd = null;
            newStart = LocalTime.MIDNIGHT;
        }
        return new DailyWindow(newStart, newEnd, newDays, newHolidays);
    }

    /**
     * The first instant at or after {@code from} when the window is open in {@code zone}, or null when it does not
     * open within a year. A start that a DST change skips opens at the first instant after the gap; a window bound
     * in a repeated hour is its first occurrence.
     */
    public Instant nextOpening(Instant from, ZoneId zone) {
        LocalDate today = from.atZone(zone).toLocalDate();
        for (int d = 0; d <= MAX_DAYS; d++) {
            LocalDate day = today.plusDays(d);
            if (!days.contains(day.getDayOfWeek()) || (holidays != null && holidays.isHoliday(day))) {
                continue;
            }
            Instant close = (end == null ? day.plusDays(1).atStartOfDay(zone) : ZonedDateTime.of(day, end, zone))
                    .toInstant();
            if (!from.isBefore(close)) {
                continue;
            }
            Instant open = opening(day, zone);
            return from.isBefore(open) ? open : from;
        }
        return null;
    }

    /** The start of the day's window; a start that a DST change skips opens when the clock jumps past it. */
    private Instant opening(LocalDate day, ZoneId zone) {
        LocalDateTime local = day.atTime(start);
        ZoneOffsetTransition transition = zone.getRules().getTransition(local);
        if (transition != null && transition.isGap()) {
            return transition.getInstant();
        }
        return ZonedDateTime.of(local, zone).toInstant();
    }

    @Override
    public String toString() {
        return start + "-" + (end == null ? "24:00" : end) + " " + days + (holidays == null ? "" : " " + holidays);
    }
}
