package org.compliantsms.inbound.keywords;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reduces a reply to what a keyword match compares: width-folded (NFKC), accents removed, upper case, signatures
 * ("Sent from my iPhone") cut, punctuation, symbols and emoji turned into spaces, whitespace collapsed.
 */
public final class TextNormalizer {
    private static final Pattern SIGNATURE = Pattern.compile(
            "(?i)(\\R\\s*(--|__).*$)|(\\s*(sent from my|envoy[ée] de mon|enviado desde mi|von meinem .* gesendet).*$)",
            Pattern.DOTALL);
    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    private TextNormalizer() {
    }

    public static String normalize(String text) {
        if (text == null) {
            return "";
        }
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC);
        folded = SIGNATURE.matcher(folded).replaceAll("");
        folded = COMBINING_MARKS.matcher(Normalizer.normalize(folded, Normalizer.Form.NFD)).replaceAll("");
        folded = folded.toUpperCase(Locale.ROOT);
        return NOT_WORD.matcher(folded).replaceAll(" ").strip();
    }
}
