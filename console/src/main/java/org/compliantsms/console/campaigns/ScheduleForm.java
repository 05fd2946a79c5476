package org.compliantsms.console.campaigns;

import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * When to send a DRAFT: now, at a time (UTC), or in each recipient's local window; and at most how many messages a
 * second. The body of {@code POST /campaigns/{id}/schedule/send}: {@code {sendAt?, ratePerSecond?,
 * localWindow?: {from, to}}}.
 */
public record ScheduleForm(String when, String sendAt, String windowFrom, String windowTo, String rate,
        Map<String, String> errors) {
    public static final String NOW = "now";
    public static final String AT = "at";
    public static final String WINDOW = "window";

    public static ScheduleForm empty() {
        return new ScheduleForm(NOW, "", "09:00", "20:00", "", Map.of());
    }

    public static ScheduleForm of(String when, String sendAt, String windowFrom, String windowTo, String rate) {
        ScheduleForm form = new ScheduleForm(when == null ? NOW : when.strip(), trim(sendAt), trim(windowFrom),
                trim(windowTo), trim(rate), Map.of());
        return form.checked();
    }

    private ScheduleForm checked() {
        ScheduleForm form = this;
        if (!NOW.equals(when) && !AT.equals(when) && !WINDOW.equals(when)) {
            form = form.withError("when", "Choose now, at a time, or the recipients' local window.");
        }
        if (AT.equals(when)) {
            try {
                LocalDateTime.parse(sendAt);
            } catch (DateTimeParseException e) {
                form = form.withError("sendAt", "A date and time (UTC), e.g. 2026-12-24T09:00.");
            }
        }
        if (WINDOW.equals(when)) {
            LocalTime from = time(windowFrom);
            LocalTime to = time(windowTo);
            if (from == null) {
                form = form.withError("windowFrom", "A time of day, e.g. 09:00.");
            }
            if (to == null) {
                form = form.withError("windowTo", "A time of day, e.g. 20:00.");
            } else if (from != null && !to.isAfter(from)) {
                form = form.withError("windowTo", "The window ends after it starts.");
            }
        }
        if (!rate.isEmpty()) {
            try {
                int perSecond = Integer.parseInt(rate);
                if (perSecond < 1 || perSecond > 10_000) {
                    form = form.withError("rate", "1 to 10,000 messages a second, or empty for as fast as allowed.");
                }
            } catch (NumberFormatException e) {
                form = form.withError("rate", "A whole number of messages a second.");
            }
        }
        return form;
    }

    public Map<String, Object> request() {
        Map<String, Object> request = new LinkedHashMap<>();
        if (AT.equals(when)) {
            request.put("sendAt", LocalDateTime.parse(sendAt).toInstant(ZoneOffset.UTC).toString());
        }
        if (WINDOW.equals(when)) {
            request.put("localWindow", Map.of("from", time(windowFrom).toString(), "to", time(windowTo).toString()));
        }
        if (!rate.isEmpty()) {
            request.put("ratePerSecond", Integer.parseInt(rate));
        }
        return request;
    }

    public ScheduleForm withError(String field, String error) {
        Map<String, String> all = new LinkedHashMap<>(errors);
        all.put(field, error);
        return new ScheduleForm(when, sendAt, windowFrom, windowTo, rate, all);
    }

    public boolean valid() {
        return errors.isEmpty();
    }

    public boolean hasError(String field) {
        return errors.containsKey(field);
    }

    public String error(String field) {
        return errors.get(field);
    }

    private static LocalTime time(String text) {
        try {
            return LocalTime.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String trim(String value) {
        return value == null ? "" : value.strip();
    }
}
