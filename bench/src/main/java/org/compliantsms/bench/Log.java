package org.compliantsms.bench;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/** Progress lines on stderr; the Markdown result goes to stdout. */
public final class Log {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private Log() {
    }

    public static void info(String format, Object... args) {
        System.err.printf("[bench %s] %s%n", LocalTime.now().format(TIME), String.format(format, args));
    }
}
