package org.compliantsms.compliance.footer;

/**
 * Typographic characters that word processors put in texts and that force UCS-2 (70 characters a part instead of
 * 160), with the GSM-7 characters that look like them.
 */
public final class SmartPunctuation {
    public record Replaced(String text, int count) {
    }

    private SmartPunctuation() {
    }

    public static Replaced replace(String text) {
        StringBuilder out = null;
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String plain = plain(c);
            if (plain != null) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 8).append(text, 0, i);
                }
                out.append(plain);
                count++;
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? new Replaced(text, 0) : new Replaced(out.toString(), count);
    }

    private static String plain(char c) {
        return switch (c) {
            case '\u2018', '\u2019', '\u201A', '\u201B', '\u2032' -> "'";
            case '\u201C', '\u201D', '\u201E', '\u201F', '\u2033', '\u00AB', '\u00BB' -> "\"";
            case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212' -> "-";
            case '\u2026' -> "...";
            case '\u00A0', '\u2007', '\u2009', '\u202F' -> " ";
            default -> null;
        };
    }
}
