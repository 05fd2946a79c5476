package org.compliantsms.compliance.quiethours;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class PublicHolidaysTest {
    @Test
    void easterSundayIsComputedForAnyYear() {
        assertEquals(LocalDate.of(2024, 3, 31), PublicHolidays.easterSunday(2024));
        assertEquals(LocalDate.of(2025, 4, 20), PublicHolidays.easterSunday(2025));
        assertEquals(LocalDate.of(2026, 4, 5), PublicHolidays.easterSunday(2026));
        assertEquals(LocalDate.of(2027, 3, 28), PublicHolidays.easterSunday(2027));
        assertEquals(LocalDate.of(2038, 4, 25), PublicHolidays.easterSunday(2038));
    }

    @Test
    void theElevenFrenchPublicHolidaysOf2026() {
        HolidayCalendar fr = PublicHolidays.load().of("FR").orElseThrow();
        List<LocalDate> expected = List.of(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 4, 6),
                LocalDate.of(2026, 5, 1), LocalDate.of(2026, 5, 8), LocalDate.of(2026, 5, 14),
                LocalDate.of(2026, 5, 25), LocalDate.of(2026, 7, 14), LocalDate.of(2026, 8, 15),
                LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 11), LocalDate.of(2026, 12, 25));
        List<LocalDate> found = IntStream.range(0, 365).mapToObj(d -> LocalDate.of(2026, 1, 1).plusDays(d))
                .filter(fr::isHoliday).toList();
        assertEquals(expected, found);
        assertTrue(fr.isHoliday(LocalDate.of(2027, 5, 6)), "Ascension 2027 moves with Easter");
        assertFalse(fr.isHoliday(LocalDate.of(2026, 4, 5)), "Easter Sunday itself is a Sunday, not listed");
    }

    @Test
    void aCountryWithoutDataHasNoCalendarAndABadLineIsRefusedWithItsNumber() {
        assertTrue(PublicHolidays.load().of("ZZ").isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PublicHolidays.parse(List.of("# comment", "FR 13-45 nothing")));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }
}
