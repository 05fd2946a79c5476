package org.compliantsms.compliance.honour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Deadlines in business days (weekends, holidays, the recipient's zone) and as durations. */
class HonourDeadlineTest {
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");

    static HonourDeadline businessDays(int days, List<ZoneId> zones, LocalDate... holidays) {
        List<LocalDate> off = List.of(holidays);
        return new HonourDeadline("test", days, null, zones, off::contains);
    }

    @Test
    void tenUsBusinessDaysSkipWeekendsAndEndAtMidnightInTheRecipientsZone() {
        // Friday 2026-12-04 15:00 in New York: business days Mon 7 ... Fri 11, Mon 14 ... Fri 18.
        Instant received = ZonedDateTime.of(2026, 12, 4, 15, 0, 0, 0, NEW_YORK).toInstant();
        Instant deadline = businessDays(10, List.of(NEW_YORK)).deadline(received);
        assertEquals(ZonedDateTime.of(2026, 12, 19, 0, 0, 0, 0, NEW_YORK).toInstant().minusMillis(1), deadline);
    }

    @Test
    void aPublicHolidayIsNoBusinessDay() {
        Instant received = ZonedDateTime.of(2026, 12, 21, 9, 0, 0, 0, NEW_YORK).toInstant(); // Monday
        Instant plain = businessDays(5, List.of(NEW_YORK)).deadline(received);
        Instant withChristmas = businessDays(5, List.of(NEW_YORK), LocalDate.of(2026, 12, 25)).deadline(received);
        assertEquals(LocalDate.of(2026, 12, 28), plain.atZone(NEW_YORK).toLocalDate()); // Tue..Fri, Mon 28
        assertEquals(LocalDate.of(2026, 12, 29), withChristmas.atZone(NEW_YORK).toLocalDate());
    }

    @Test
    void aNumberInSeveralZonesTakesTheEarliestEnd() {
        Instant received = ZonedDateTime.of(2026, 12, 7, 12, 0, 0, 0, NEW_YORK).toInstant();
        Instant east = businessDays(10, List.of(NEW_YORK)).deadline(received);
        Instant both = businessDays(10, List.of(LOS_ANGELES, NEW_YORK)).deadline(received);
        assertEquals(east, both);
    }

    @Test
    void aDurationDeadlineIsTheReceiptPlusTheDuration() {
        Instant received = Instant.parse("2026-12-02T10:00:00Z");
        HonourDeadline eu = new HonourDeadline("EU", null, Duration.ofDays(1), List.of(ZoneId.of("UTC")), day -> false);
        assertEquals(Instant.parse("2026-12-03T10:00:00Z"), eu.deadline(received));
    }

    @Test
    void theReportFlagsAnOptOutEffectiveAfterItsDeadlineAndOnePendingPastIt() {
        HonourDeadline us = businessDays(10, List.of(NEW_YORK));
        Instant received = Instant.parse("2026-11-02T15:00:00Z");
        OptOutRecord onTime = record(received, received.plusSeconds(1), null);
        OptOutRecord late = record(received, Instant.parse("2026-11-20T15:00:00Z"), null);
        OptOutRecord pending = record(received, null, null);
        Instant now = Instant.parse("2026-12-02T00:00:00Z");
        assertFalse(ReportLine.of(onTime, us, "+1", now).overdue());
        assertTrue(ReportLine.of(late, us, "+1", now).overdue());
        assertTrue(ReportLine.of(pending, us, "+1", now).overdue());
        assertFalse(ReportLine.of(pending, us, "+1", received.plusSeconds(60)).overdue());
        assertEquals(1.0, ReportLine.of(onTime, us, "+1", now).secondsToEffect());
    }

    @Test
    void theClockStartsAtTheStatedRequestWhenItIsEarlier() {
        Instant received = Instant.parse("2026-12-02T10:00:00Z");
        Instant asked = Instant.parse("2026-11-28T10:00:00Z");
        HonourDeadline eu = new HonourDeadline("EU", null, Duration.ofDays(1), List.of(ZoneId.of("UTC")), day -> false);
        assertTrue(ReportLine.of(record(received, received.plusSeconds(1), asked), eu, "+33", received).overdue());
        // a stated time after the receipt does not delay the clock
        assertFalse(ReportLine.of(record(received, received.plusSeconds(1), received.plusSeconds(3600)), eu, "+33",
                received).overdue());
    }

    static OptOutRecord record(Instant received, Instant effective, Instant requested) {
        return new OptOutRecord("e", "+12025550123", "US", "p", "program:p", "API", "EMAIL", "a", requested, received,
                effective);
    }
}
