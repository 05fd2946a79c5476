package org.compliantsms.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class InstantTextTest {

    @Test
    void formatsExactlyAsIsoInstantAndReadsItBack() {
        SplittableRandom random = new SplittableRandom(42);
        long from = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        int[] granularities = { 1_000_000_000, 1_000_000, 1_000, 1, 100_000_000, 10 };
        for (int i = 0; i < 200_000; i++) {
            int granularity = granularities[i % granularities.length];
            int nanos = granularity == 1_000_000_000 ? 0 : random.nextInt(1_000_000_000 / granularity) * granularity;
            Instant instant = Instant.ofEpochSecond(random.nextLong(from, to + 1), nanos);
            String text = DateTimeFormatter.ISO_INSTANT.format(instant);
            assertEquals(text, InstantText.format(instant));
            assertEquals(instant, InstantText.parseUtc(text), text);
        }
    }

    @Test
    void readsEveryFractionLength() {
        assertEquals(Instant.parse("2026-12-01T20:06:49.5Z"), InstantText.parseUtc("2026-12-01T20:06:49.5Z"));
        assertEquals(Instant.parse("2026-12-01T20:06:49.12345678Z"),
                InstantText.parseUtc("2026-12-01T20:06:49.12345678Z"));
        assertEquals(Instant.parse("2026-12-01T20:06:49Z"), InstantText.parseUtc("2026-12-01T20:06:49Z"));
    }

    @Test
    void leavesOtherShapesToJavaTime() {
        assertNull(InstantText.parseUtc("2026-12-01T21:06:49+01:00"));
        assertNull(InstantText.parseUtc("2026-12-01t20:06:49z"));
        assertNull(InstantText.parseUtc("2026-12-31T23:59:60Z"));
        assertNull(InstantText.parseUtc("2026-12-01T20:06:49.Z"));
        assertNull(InstantText.parseUtc("2026-12-01T20:06:49.1234567890Z"));
        assertNull(InstantText.parseUtc("+12026-12-01T20:06:49Z"));
        assertEquals("+12026-12-01T20:06:49Z", InstantText.format(Instant.parse("+12026-12-01T20:06:49Z")));
    }

    @Test
    void refusesADateThatDoesNotExist() {
        assertThrows(DateTimeException.class, () -> InstantText.parseUtc("2026-02-30T00:00:00Z"));
    }

    @Test
    void theCodecReadsOffsetsAsBeforeThroughJavaTime() throws Exception {
        Instant parsed = EventCodec.mapper().readValue("\"2026-12-01T21:06:49.250+01:00\"", Instant.class);
        assertEquals(Instant.parse("2026-12-01T20:06:49.250Z"), parsed);
        assertEquals("\"2026-12-01T20:06:49.250Z\"", EventCodec.mapper().writeValueAsString(parsed));
    }
}
