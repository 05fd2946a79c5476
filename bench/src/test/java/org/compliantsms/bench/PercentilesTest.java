package org.compliantsms.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class PercentilesTest {
    @Test
    void nearestRankInMilliseconds() {
        long[] micros = new long[100];
        for (int i = 0; i < 100; i++) {
            micros[i] = (100 - i) * 1_000L; // 1..100 ms, unsorted
        }
        Percentiles p = Percentiles.of(micros, 100);
        assertEquals(50.0, p.p50Ms());
        assertEquals(95.0, p.p95Ms());
        assertEquals(99.0, p.p99Ms());
        assertEquals(100.0, p.maxMs());
    }

    @Test
    void onlyTheFirstCountValuesCount() {
        Percentiles p = Percentiles.of(new long[] {2_000, 4_000, 0, 0}, 2);
        assertEquals(2, p.count());
        assertEquals(2.0, p.p50Ms());
        assertEquals(4.0, p.maxMs());
        assertNull(Percentiles.of(new long[0], 0).p50Ms());
    }
}
