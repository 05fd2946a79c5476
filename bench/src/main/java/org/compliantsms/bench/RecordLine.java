package org.compliantsms.bench;

/**
 * One line of the simulator's record: {@code <epoch microseconds>\t<destination E.164>\t<text>}, the text with
 * backslash, tab and newline escaped as {@code \\}, {@code \t}, {@code \n}.
 */
public record RecordLine(long epochMicros, String destination, String text) {

    /** The line parsed, or null when it is not a record line. */
    public static RecordLine parse(String line) {
        int firstTab = line.indexOf('\t');
        int secondTab = firstTab < 0 ? -1 : line.indexOf('\t', firstTab + 1);
        if (secondTab < 0) {
            return null;
        }
        try {
            long micros = Long.parseLong(line.substring(0, firstTab));
            return new RecordLine(micros, line.substring(firstTab + 1, secondTab), unescape(line.substring(secondTab + 1)));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String unescape(String escaped) {
        if (escaped.indexOf('\\') < 0) {
            return escaped;
        }
        StringBuilder text = new StringBuilder(escaped.length());
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == '\\' && i + 1 < escaped.length()) {
                char next = escaped.charAt(++i);
                text.append(switch (next) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> next;
                });
            } else {
                text.append(c);
            }
        }
        return text.toString();
    }
}
