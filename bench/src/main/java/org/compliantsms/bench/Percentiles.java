package org.compliantsms.bench;

import java.util.Arrays;

/** Nearest-rank percentiles of a sample of durations in microseconds, reported in milliseconds. */
public record Percentiles(int count, Double p50Ms, Double p95Ms, Double p99Ms, Double maxMs) {

    public static Percentiles of(long[] micros, int count) {
        if (count == 0) {
            return new Percentiles(0, null, null, null, null);
        }
        long[] sorted = Arrays.copyOf(micros, count);
        Arrays.sort(sorted);
        return new Percentiles(count, ms(rank(sorted, 50)), ms(rank(sorted, 95)), ms(rank(sorted, 99)),
                ms(sorted[count - 1]));
    }

    static long rank(long[] sorted, double percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double ms(long micros) {
        return Math.round(micros / 100.0) / 10.0;
    }
}
