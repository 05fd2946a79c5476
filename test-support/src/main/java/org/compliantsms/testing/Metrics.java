package org.compliantsms.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** Reads a service's Prometheus endpoint: the sum of a metric's samples whose labels include the given ones. */
public final class Metrics {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String text;

    private Metrics(String text) {
        this.text = text;
    }

    /** GET {@code base}/q/metrics. */
    public static Metrics scrape(URI base) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(base.resolve("/q/metrics")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET /q/metrics answered " + response.statusCode());
            }
            return new Metrics(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + base + "/q/metrics", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A Prometheus text exposition already fetched. */
    public static Metrics parse(String text) {
        return new Metrics(text);
    }

    /** Whether a sample of the metric is exposed at all. */
    public boolean has(String name) {
        return text.lines().anyMatch(line -> line.startsWith(name + "{") || line.startsWith(name + " "));
    }

    /**
     * The consumers whose {@code sms_batch_waiting} is 1 (holding a batch because a dependency is down), as
     * {@code consumer/topic}.
     */
    public java.util.List<String> waitingConsumers() {
        java.util.List<String> waiting = new java.util.ArrayList<>();
        for (String line : text.lines().toList()) {
            if (line.startsWith("sms_batch_waiting{") && !line.endsWith(" 0.0") && !line.endsWith(" 0")) {
                waiting.add(label(line, "consumer") + "/" + label(line, "topic"));
            }
        }
        return waiting;
    }

    private static String label(String series, String name) {
        int at = series.indexOf(name + "=\"");
        if (at < 0) {
            return "?";
        }
        int from = at + name.length() + 2;
        return series.substring(from, series.indexOf('"', from));
    }

    /** The sum over the metric's samples carrying every given label (0 when none). */
    public double sum(String name, Map<String, String> labels) {
        double sum = 0;
        for (String line : text.lines().toList()) {
            if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            String series = line.substring(0, space);
            if (labels.entrySet().stream().allMatch(l -> series.contains(l.getKey() + "=\"" + l.getValue() + "\""))) {
                sum += Double.parseDouble(line.substring(space + 1));
            }
        }
        return sum;
    }
}
