package org.compliantsms.compliance.quiethours;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Next openings in local time, across the DST changes of New York and Paris. */
class DailyWindowTest {
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final HolidayCalendar FR = PublicHolidays.load().of("FR").orElseThrow();
    static final DailyWindow US = DailyWindow.parse("08:00-21:00", "MON-SUN", null);
    static final DailyWindow FRANCE = DailyWindow.parse("08:00-20:00", "MON-SAT", FR);

    @Test
    void insideTheWindowItIsOpenNowAndOutsideItOpensAtTheNextStart() {
        Instant noonEst = Instant.parse("2026-12-02T17:00:00Z"); // 12:00 EST
        assertEquals(noonEst, US.nextOpening(noonEst, NEW_YORK));
        assertEquals(Instant.parse("2026-12-03T13:00:00Z"), US.nextOpening(Instant.parse("2026-12-03T02:00:00Z"),
                NEW_YORK), "21:00 EST is closed until 08:00 EST the next day");
        assertEquals(Instant.parse("2026-12-03T13:00:00Z"), US.nextOpening(Instant.parse("2026-12-03T12:59:59Z"),
                NEW_YORK));
        assertEquals(Instant.parse("2026-12-03T13:00:00Z"), US.nextOpening(Instant.parse("2026-12-03T02:00:00Z"),
                NEW_YORK));
        Instant nineEst = Instant.parse("2026-12-03T02:00:00Z");
        assertEquals(Instant.parse("2026-12-03T13:00:00Z"), US.nextOpening(nineEst, NEW_YORK),
                "the end is excluded: 21:00:00 is closed");
        assertEquals(nineEst.minusSeconds(1), US.nextOpening(nineEst.minusSeconds(1), NEW_YORK));
    }

    @Test
    void newYorkSpringForwardOpensAtEightDaylightTime() {
        // Sunday 2026-03-08 02:00 EST -> 03:00 EDT. From Saturday 22:00 EST the next opening is Sunday 08:00 EDT.
        Instant saturdayNight = Instant.parse("2026-03-08T03:00:00Z");
        assertEquals(Instant.parse("2026-03-08T12:00:00Z"), US.nextOpening(saturdayNight, NEW_YORK));
        // A window that starts inside the skipped hour opens when the clock reaches it: 03:00 EDT.
        DailyWindow early = DailyWindow.parse("02:30-21:00", "MON-SUN", null);
        assertEquals(Instant.parse("2026-03-08T07:00:00Z"), early.nextOpening(saturdayNight, NEW_YORK));
    }

    @Test
    void newYorkFallBackOpensAtEightStandardTime() {
        // Sunday 2026-11-01 02:00 EDT -> 01:00 EST. From Saturday 22:00 EDT the next opening is Sunday 08:00 EST.
        assertEquals(Instant.parse("2026-11-01T13:00:00Z"), US.nextOpening(Instant.parse("2026-11-01T02:00:00Z"),
                NEW_YORK));
        // A window starting in the repeated hour opens at its first occurrence (01:30 EDT).
        DailyWindow early = DailyWindow.parse("01:30-21:00", "MON-SUN", null);
        assertEquals(Instant.parse("2026-11-01T05:30:00Z"), early.nextOpening(Instant.parse("2026-11-01T02:00:00Z"),
                NEW_YORK));
        // The evening closes at 21:00 EST, 02:00Z the next day, not an hour earlier.
        assertEquals(Instant.parse("2026-11-02T01:59:00Z"), US.nextOpening(Instant.parse("2026-11-02T01:59:00Z"),
                NEW_YORK));
    }

    @Test
    void parisSpringForwardAcrossTheClosedSunday() {
        // Sunday 2026-03-29 02:00 CET -> 03:00 CEST. Saturday 21:00 CET is closed; Sunday is closed in France;
        // Monday 08:00 CEST is 06:00Z.
        assertEquals(Instant.parse("2026-03-30T06:00:00Z"), FRANCE.nextOpening(Instant.parse("2026-03-28T20:00:00Z"),
                PARIS));
    }

    @Test
    void parisFallBackAcrossTheClosedSunday() {
        // Sunday 2026-10-25 03:00 CEST -> 02:00 CET. Saturday 20:30 CEST -> Monday 08:00 CET = 07:00Z.
        assertEquals(Instant.parse("2026-10-26T07:00:00Z"), FRANCE.nextOpening(Instant.parse("2026-10-24T18:30:00Z"),
                PARIS));
        // Saturday 19:59 CEST is still open.
        assertEquals(Instant.parse("2026-10-24T17:59:00Z"), FRANCE.nextOpening(Instant.parse("2026-10-24T17:59:00Z"),
                PARIS));
    }

    @Test
    void franceIsClosedOnPublicHolidays() {
        // Monday 2026-04-06 is Easter Monday: Saturday 04-04 20:00 waits until Tuesday 04-07 08:00 CEST.
        assertEquals(Instant.parse("2026-04-07T06:00:00Z"), FRANCE.nextOpening(Instant.parse("2026-04-04T18:00:00Z"),
                PARIS));
        // Friday 2026-12-25: Thursday evening waits until Saturday 12-26 08:00 CET.
        assertEquals(Instant.parse("2026-12-26T07:00:00Z"), FRANCE.nextOpening(Instant.parse("2026-12-24T19:30:00Z"),
                PARIS));
    }

    @Test
    void aNumberInSeveralZonesIsSentToWhenTheWindowIsOpenInAll() {
        // 08:00 in Chicago is 09:00 in New York: the later of the two openings holds.
        ZoneId chicago = ZoneId.of("America/Chicago");
        Instant from = Instant.parse("2026-12-03T05:00:00Z");
        assertEquals(Instant.parse("2026-12-03T14:00:00Z"),
                QuietHoursRule.nextOpeningInAll(US, from, List.of(NEW_YORK, chicago)));
        // 20:30 in New York (19:30 in Chicago): open in both.
        Instant evening = Instant.parse("2026-12-04T01:30:00Z");
        assertEquals(evening, QuietHoursRule.nextOpeningInAll(US, evening, List.of(NEW_YORK, chicago)));
    }

    @Test
    void aProgramNarrowsTheCountryWindowAndNeverWidensIt() {
        DailyWindow narrowed = FRANCE.narrowedBy(java.time.LocalTime.of(7, 0), java.time.LocalTime.of(18, 0),
                EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.SUNDAY), null);
        assertEquals(java.time.LocalTime.of(8, 0), narrowed.start());
        assertEquals(java.time.LocalTime.of(18, 0), narrowed.end());
        assertEquals(EnumSet.of(DayOfWeek.MONDAY), narrowed.days());
        assertEquals(FR, narrowed.holidays());
        DailyWindow never = US.narrowedBy(java.time.LocalTime.of(22, 0), null, null, null);
        assertNull(never.nextOpening(Instant.parse("2026-12-03T05:00:00Z"), NEW_YORK));
    }

    @Test
    void windowsAndDaysAreParsedOrRefused() {
        DailyWindow whole = DailyWindow.parse("00:00-24:00", "FRI-MON", null);
        assertEquals(EnumSet.of(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY, DayOfWeek.SUNDAY, DayOfWeek.MONDAY),
                whole.days());
        Instant lateSunday = LocalDate.of(2026, 12, 6).atTime(23, 59, 59).atZone(PARIS).toInstant();
        assertEquals(lateSunday, whole.nextOpening(lateSunday, PARIS));
        assertEquals(java.time.LocalTime.of(8, 0, 30), DailyWindow.parse("08:00:30-09:00", "MON", null).start());
        assertThrows(IllegalArgumentException.class, () -> DailyWindow.parse("21:00-08:00", "MON-SUN", null));
        assertThrows(IllegalArgumentException.class, () -> DailyWindow.parse("08:00", "MON-SUN", null));
        assertThrows(IllegalArgumentException.class, () -> DailyWindow.parse("08:00-21:00", "MONDAYS-XYZ", null));
    }
}
