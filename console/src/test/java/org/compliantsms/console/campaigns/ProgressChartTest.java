package org.compliantsms.console.campaigns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ProgressChartTest {

    private static Report report(long approved, long submitted, long delivered) {
        return new Report("c", "p", "REQUESTED", 10, 10, approved, 0, 0, Map.of(), submitted, 0, delivered, 0, 0, 0, 0);
    }

    @Test
    void eachPollAddsTheReportOfNowToTheSamplesItCarried() {
        ProgressChart first = ProgressChart.of(null, report(4, 0, 0), Instant.ofEpochSecond(100));
        assertEquals("100.4.0.0.0.0.0", first.series());
        ProgressChart second = ProgressChart.of(first.series(), report(10, 8, 2), Instant.ofEpochSecond(104));
        assertEquals("100.4.0.0.0.0.0_104.10.0.0.8.2.0", second.series());
        assertEquals(4, second.seconds());
        assertEquals(10, second.max());
        ProgressChart.Line submitted = second.lines().get(ProgressChart.SERIES.indexOf("submitted"));
        // from 0 at the first sample (bottom left) to 8 of 10 at the last (right)
        assertEquals("0.0,160.0 600.0,32.0", submitted.points());
        assertEquals(8, submitted.last());
    }

    @Test
    void editedOrEndlessSeriesAreBounded() {
        assertEquals("5.1.0.0.0.0.0", ProgressChart.of("x.1_2.2", report(1, 0, 0), Instant.ofEpochSecond(5)).series());
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            many.append(i == 0 ? "" : "_").append(i).append(".1.1.1.1.1.1");
        }
        assertEquals(ProgressChart.MAX_SAMPLES, ProgressChart.of(many.toString(), report(1, 0, 0),
                Instant.ofEpochSecond(999)).samples().size());
    }
}
