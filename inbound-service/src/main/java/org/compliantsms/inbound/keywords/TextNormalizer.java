package org.compliantsms.inbound.keywords;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reduces text to what keyword matching compares: width-folded (NFKC), Latin, Greek and Cyrillic accents removed,
 * upper case; {@link #normalize} also cuts quoted text and signatures and turns punctuation, symbols and emoji into
 * single spaces ("Arrêt !" and "ＡＲＲＥＴ" both become "ARRET").
 */
public final class TextNormalizer {
    /**
     * Only the combining diacritics block: stripping every mark would also strip the Japanese voicing marks
     * (ブ would become フ), which are letters there, not accents.
     */
    private static final Pattern DIACRITICS = Pattern.compile("[\\u0300-\\u036F]+");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{M}\\p{N}]+");

    private TextNormalizer() {
    }

    /** The reply as a keyword: cleaned of quotes and signatures, folded, words separated by single spaces. */
    public static String normalize(String text) {
        if (text == null) {
            return "";
        }
        return words(ReplyCleaner.clean(text));
    }

    /** Folded text with punctuation, symbols and emoji as single spaces; nothing cut. */
    static String words(String text) {
        return NOT_WORD.matcher(fold(text)).replaceAll(" ").strip();
    }

    /** Width-folded, accents removed, upper case; punctuation kept. */
    static String fold(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC);
        if (!Normalizer.isNormalized(folded, Normalizer.Form.NFD)) {
            folded = DIACRITICS.matcher(Normalizer.normalize(folded, Normalizer.Form.NFD)).replaceAll("");
            folded = Normalizer.normalize(folded, Normalizer.Form.NFC);
        }
        return folded.toUpperCase(Locale.ROOT);
    }
}
