package org.compliantsms.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

class SendingWindowsTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Test
    void aRunMustStartAndEndInsideTheWindowOnTheSameWorkingDay() {
        Duration run = Duration.ofMinutes(15);
        assertTrue(SendingWindows.inside(ZonedDateTime.of(2026, 12, 2, 11, 0, 0, 0, PARIS), run));
        assertFalse(SendingWindows.inside(ZonedDateTime.of(2026, 12, 2, 8, 0, 0, 0, PARIS), run), "before 08:15");
        assertFalse(SendingWindows.inside(ZonedDateTime.of(2026, 12, 2, 19, 50, 0, 0, PARIS), run), "ends after 20:00");
        assertFalse(SendingWindows.inside(ZonedDateTime.of(2026, 12, 6, 11, 0, 0, 0, PARIS), run), "a Sunday");
    }

    @Test
    void europeanRegionsAreOpenAtEuropeanNoonAndTheAmericasAreNot() {
        Instant noonInParis = ZonedDateTime.of(2026, 12, 2, 12, 0, 0, 0, PARIS).toInstant();
        List<String> open = SendingWindows.openThroughout(noonInParis, Duration.ofMinutes(15));
        assertTrue(open.containsAll(List.of("FR", "DE", "GB", "ES", "IT", "NL", "IN")), open.toString());
        assertFalse(open.contains("US"), open.toString());
        assertFalse(open.contains("BR"), open.toString());
        assertEquals(List.of(), SendingWindows.openThroughout(
                ZonedDateTime.of(2026, 12, 6, 12, 0, 0, 0, PARIS).toInstant(), Duration.ofMinutes(15))
                .stream().filter(r -> !r.equals("IN")).filter(r -> !r.equals("BR")).filter(r -> !r.equals("US"))
                .toList(), "Sunday in Europe");
    }
}
