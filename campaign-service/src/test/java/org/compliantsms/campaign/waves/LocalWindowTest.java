package org.compliantsms.campaign.waves;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class LocalWindowTest {
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final LocalWindow NINE_TO_EIGHT = LocalWindow.parse("09:00", "20:00");

    @Test
    void fromIsInsideAndToIsNot() {
        Instant nineInTokyo = Instant.parse("2026-12-03T00:00:00Z");
        assertTrue(NINE_TO_EIGHT.contains(List.of(TOKYO), nineInTokyo));
        assertFalse(NINE_TO_EIGHT.contains(List.of(TOKYO), nineInTokyo.minusSeconds(1)));
        Instant eightInTokyo = Instant.parse("2026-12-03T11:00:00Z");
        assertTrue(NINE_TO_EIGHT.contains(List.of(TOKYO), eightInTokyo.minusSeconds(1)));
        assertFalse(NINE_TO_EIGHT.contains(List.of(TOKYO), eightInTokyo));
    }

    @Test
    void aNumberOfSeveralZonesIsInsideOnlyWhenEveryZoneIs() {
        // 17:00 in New York, 14:00 in Los Angeles: inside 09:00-20:00 in both; 08:00 in LA is 11:00 in NY
        Instant afternoon = Instant.parse("2026-12-03T22:00:00Z");
        assertTrue(NINE_TO_EIGHT.contains(List.of(NEW_YORK, LOS_ANGELES), afternoon));
        Instant eightInLa = Instant.parse("2026-12-03T16:00:00Z");
        assertTrue(NINE_TO_EIGHT.contains(List.of(NEW_YORK), eightInLa));
        assertFalse(NINE_TO_EIGHT.contains(List.of(NEW_YORK, LOS_ANGELES), eightInLa));
        assertEquals(Optional.of(Instant.parse("2026-12-03T17:00:00Z")),
                NINE_TO_EIGHT.nextOpen(List.of(NEW_YORK, LOS_ANGELES), eightInLa),
                "open when it is 09:00 in Los Angeles, the later zone");
    }

    @Test
    void theNextOpeningIsTheFirstMinuteInsideOrNowWhenOpen() {
        Instant lateInTokyo = Instant.parse("2026-12-03T12:30:15Z"); // 21:30:15 in Tokyo
        assertEquals(Optional.of(Instant.parse("2026-12-04T00:00:00Z")), NINE_TO_EIGHT.nextOpen(List.of(TOKYO),
                lateInTokyo));
        Instant open = Instant.parse("2026-12-03T01:02:03Z");
        assertEquals(Optional.of(open), NINE_TO_EIGHT.nextOpen(List.of(TOKYO), open));
    }

    @Test
    void zonesFurtherApartThanTheWindowIsLongNeverOpenTogether() {
        LocalWindow oneHour = LocalWindow.parse("09:00", "10:00");
        assertEquals(Optional.empty(), oneHour.nextOpen(List.of(TOKYO, LOS_ANGELES),
                Instant.parse("2026-12-03T00:00:00Z")));
    }

    @Test
    void aWindowIsTwoTimesWithFromBeforeTo() {
        assertThrows(IllegalArgumentException.class, () -> LocalWindow.parse("20:00", "09:00"));
        assertThrows(IllegalArgumentException.class, () -> LocalWindow.parse("09:00", "09:00"));
        assertThrows(IllegalArgumentException.class, () -> LocalWindow.parse("9h", "20:00"));
        assertThrows(IllegalArgumentException.class, () -> LocalWindow.parse(null, "20:00"));
        assertEquals("09:00-20:00", NINE_TO_EIGHT.toString());
        assertEquals(new WindowView("09:00", "20:00"), WindowView.of(NINE_TO_EIGHT));
    }

    @Test
    void aRecipientsWaveIsTheZonesOfItsNumber() {
        assertEquals("Asia/Tokyo", RecipientZones.waveKey("+819012345678"));
        assertEquals("America/Los_Angeles", RecipientZones.waveKey("+12065550123"));
        assertEquals(List.of(TOKYO), RecipientZones.zones("Asia/Tokyo"));
        String russia = RecipientZones.waveKey("+79123456789");
        assertTrue(RecipientZones.zones(russia).size() >= 1, russia);
        assertEquals(RecipientZones.UNKNOWN, RecipientZones.waveKey("+80012345678"));
        assertEquals(List.of(java.time.ZoneOffset.UTC), RecipientZones.zones(RecipientZones.UNKNOWN));
    }
}
