package org.compliantsms.campaign.waves;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * A daily sending window in the recipient's local time, {@code from} inclusive to {@code to} exclusive, within one
 * day ({@code from} before {@code to}). A recipient whose number maps to several zones is inside only when it is
 * inside in every one of them.
 */
public record LocalWindow(LocalTime from, LocalTime to) {
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
    /** How far ahead {@link #nextOpen} looks: a week and a day, so that a daylight-saving change is passed. */
    static final Duration HORIZON = Duration.ofDays(8);

    public LocalWindow {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("localWindow: from (" + from + ") must be before to (" + to
                    + "); a window lies within one local day, e.g. {\"from\":\"09:00\",\"to\":\"20:00\"}");
        }
    }

    /** @throws IllegalArgumentException with the reason, for the API's 400 */
    public static LocalWindow parse(String from, String to) {
        return new LocalWindow(time("from", from), time("to", to));
    }

    private static LocalTime time(String name, String text) {
        if (text == null) {
            throw new IllegalArgumentException("localWindow." + name + " is required (HH:mm, e.g. 09:00)");
        }
        try {
            return LocalTime.parse(text, HH_MM);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("localWindow." + name + ": '" + text + "' is not a time HH:mm (e.g. 09:00)");
        }
    }

    public boolean contains(List<ZoneId> zones, Instant at) {
        for (ZoneId zone : zones) {
            LocalTime local = at.atZone(zone).toLocalTime();
            if (local.isBefore(from) || !local.isBefore(to)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The first instant from {@code at} on when the window is open in every zone: {@code at} itself when it is open
     * now; empty when it does not open within {@link #HORIZON} (zones further apart than the window is long).
     * Zone offsets are whole minutes and the window's ends are minutes, so a window opens on a minute.
     */
    public Optional<Instant> nextOpen(List<ZoneId> zones, Instant at) {
        if (contains(zones, at)) {
            return Optional.of(at);
        }
        Instant minute = at.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        Instant end = at.plus(HORIZON);
        for (Instant t = minute; t.isBefore(end); t = t.plus(1, ChronoUnit.MINUTES)) {
            if (contains(zones, t)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return from.format(HH_MM) + "-" + to.format(HH_MM);
    }
}
