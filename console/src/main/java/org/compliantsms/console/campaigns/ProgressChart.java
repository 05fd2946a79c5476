package org.compliantsms.console.campaigns;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Outcomes over time, drawn as plain SVG. The console keeps no data: the samples taken since the page was opened
 * travel with the polled fragment ({@code ?series=}), each poll adds the report's counts of that moment.
 */
public record ProgressChart(List<Sample> samples) {
    /** What the chart draws, in this order (and colour, in the style sheet: {@code .line-<name>}). */
    public static final List<String> SERIES = List.of("approved", "deferred", "rejected", "submitted", "delivered",
            "failed");
    static final int MAX_SAMPLES = 120;
    static final int WIDTH = 600;
    static final int HEIGHT = 160;

    public record Sample(long epochSecond, long[] counts) {
    }

    public record Line(String name, String points, long last) {
    }

    /** The samples a poll carried ("epoch.a.b.c.d.e.f_..."), with the report of now appended. */
    static ProgressChart of(String series, Report now, Instant at) {
        List<Sample> samples = new ArrayList<>(parse(series));
        samples.add(new Sample(at.getEpochSecond(), new long[] { now.approved(), now.deferred(), now.rejected(),
                now.submitted(), now.delivered(), now.failed() }));
        int from = Math.max(0, samples.size() - MAX_SAMPLES);
        return new ProgressChart(List.copyOf(samples.subList(from, samples.size())));
    }

    private static List<Sample> parse(String series) {
        List<Sample> samples = new ArrayList<>();
        if (series == null || series.isBlank() || series.length() > 20_000) {
            return samples;
        }
        for (String point : series.split("_")) {
            String[] parts = point.split("\\.");
            if (parts.length != SERIES.size() + 1) {
                continue;
            }
            try {
                long[] counts = new long[SERIES.size()];
                for (int i = 0; i < counts.length; i++) {
                    counts[i] = Math.max(0, Long.parseLong(parts[i + 1]));
                }
                samples.add(new Sample(Long.parseLong(parts[0]), counts));
            } catch (NumberFormatException e) {
                // a point someone edited: left out
            }
        }
        return samples;
    }

    /** What the next poll sends back. */
    public String series() {
        return samples.stream().map(s -> s.epochSecond() + "." + Arrays.stream(s.counts()).mapToObj(Long::toString)
                .collect(Collectors.joining("."))).collect(Collectors.joining("_"));
    }

    public int width() {
        return WIDTH;
    }

    public int height() {
        return HEIGHT;
    }

    public long max() {
        return Math.max(1, samples.stream().flatMapToLong(s -> Arrays.stream(s.counts())).max().orElse(1));
    }

    /** Seconds from the first sample to the last. */
    public long seconds() {
        return samples.isEmpty() ? 0 : samples.get(samples.size() - 1).epochSecond() - samples.get(0).epochSecond();
    }

    public List<Line> lines() {
        long first = samples.isEmpty() ? 0 : samples.get(0).epochSecond();
        double span = Math.max(1, seconds());
        double max = max();
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < SERIES.size(); i++) {
            StringBuilder points = new StringBuilder();
            if (samples.size() == 1) {
                // one sample: a level line across the chart
                points.append(String.format(java.util.Locale.ROOT, "0,%.1f ",
                        HEIGHT - samples.get(0).counts()[i] / max * HEIGHT));
            }
            for (Sample sample : samples) {
                double x = samples.size() == 1 ? WIDTH : (sample.epochSecond() - first) / span * WIDTH;
                double y = HEIGHT - sample.counts()[i] / max * HEIGHT;
                points.append(String.format(java.util.Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            long last = samples.isEmpty() ? 0 : samples.get(samples.size() - 1).counts()[i];
            lines.add(new Line(SERIES.get(i), points.toString().strip(), last));
        }
        return lines;
    }
}
