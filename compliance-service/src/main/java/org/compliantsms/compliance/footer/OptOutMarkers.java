package org.compliantsms.compliance.footer;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.compliantsms.compliance.DataSet;

/**
 * Whether a body already tells the recipient how to stop, per language, from {@code compliance/opt-out-markers.txt}:
 * a keyword written in capitals as a word of its own ("Reply STOP", "ARRÊT au 36180"), or a phrase in any case
 * ("to opt out", "désinscrire"). Accents are ignored. Lowercase "stop" alone is chatter ("don't stop"), not a way to
 * stop.
 */
public final class OptOutMarkers {
    static final String DATA_SET = "compliance/opt-out-markers.txt";
    /** Markers that count in every language. */
    private static final String ANY = "*";

    private final Map<String, List<String>> keywords;
    private final Map<String, List<String>> phrases;

    private OptOutMarkers(Map<String, List<String>> keywords, Map<String, List<String>> phrases) {
        this.keywords = keywords;
        this.phrases = phrases;
    }

    public static OptOutMarkers load() {
        return parse(DataSet.lines(DATA_SET));
    }

    static OptOutMarkers parse(List<String> lines) {
        Map<String, List<String>> keywords = new HashMap<>();
        Map<String, List<String>> phrases = new HashMap<>();
        int number = 0;
        for (String line : lines) {
            number++;
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            String[] fields = text.split("\\s+", 3);
            if (fields.length != 3 || !(fields[1].equals("keyword") || fields[1].equals("phrase"))) {
                throw new IllegalArgumentException(DATA_SET + " line " + number + ": expected LANGUAGE keyword|phrase TEXT");
            }
            if (fields[1].equals("keyword")) {
                keywords.computeIfAbsent(fields[0], k -> new ArrayList<>()).add(fold(fields[2]).toUpperCase(Locale.ROOT));
            } else {
                phrases.computeIfAbsent(fields[0], k -> new ArrayList<>()).add(fold(fields[2]).toLowerCase(Locale.ROOT));
            }
        }
        return new OptOutMarkers(keywords, phrases);
    }

    /** True when the body names a way to stop in {@code language}, in English, or in every language's markers. */
    public boolean hasWayToStop(String body, String language) {
        String folded = fold(body);
        String lower = null;
        for (String lang : new String[] { ANY, "en", language }) {
            for (String keyword : keywords.getOrDefault(lang, List.of())) {
                if (containsWord(folded, keyword)) {
                    return true;
                }
            }
            List<String> own = phrases.getOrDefault(lang, List.of());
            if (!own.isEmpty()) {
                if (lower == null) {
                    lower = folded.toLowerCase(Locale.ROOT);
                }
                for (String phrase : own) {
                    if (lower.contains(phrase)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean containsWord(String text, String word) {
        for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
            int end = at + word.length();
            if ((at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1)))
                    && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)))) {
                return true;
            }
        }
        return false;
    }

    /** Accents removed, case kept. */
    static String fold(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (Character.getType(c) != Character.NON_SPACING_MARK) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
