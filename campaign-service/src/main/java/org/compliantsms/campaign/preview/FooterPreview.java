package org.compliantsms.campaign.preview;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.compliantsms.events.Category;
import org.compliantsms.events.Program;

/**
 * The opt-out footer compliance-service would add to a message, computed from the program's footer texts for the
 * preview only. compliance-service stays the authority (its footer package): it adds the footer to MARKETING bodies
 * that name no way to stop, in the recipient's language, with the platform's texts for a language the program lacks
 * and its own list of stop markers in every language. This approximation uses the program's texts only, and
 * counts a body as naming a way to stop when it holds, as a word in capitals, a capitalised keyword of a footer
 * text (STOP, ARRET, BAJA...).
 */
public final class FooterPreview {
    static final String SEPARATOR = "\n";
    private static final Pattern KEYWORD = Pattern.compile("\\b\\p{Lu}{3,}\\b", Pattern.UNICODE_CHARACTER_CLASS);

    private FooterPreview() {
    }

    /** The footer's language: the recipient's, else the campaign's, else the program's default, else English. */
    public static String language(Program program, String recipientLocale, String campaignLocale) {
        Map<String, String> texts = texts(program);
        for (String locale : new String[] { recipientLocale, campaignLocale, program.defaultLocale() }) {
            if (locale != null && !locale.isBlank()) {
                String language = Locale.forLanguageTag(locale.replace('_', '-')).getLanguage();
                if (texts.containsKey(language)) {
                    return language;
                }
            }
        }
        return texts.containsKey("en") || texts.isEmpty() ? "en" : texts.keySet().stream().sorted().findFirst().get();
    }

    /** The footer with its line break, or null when none would be added (or the program has no text for it). */
    public static String footer(Program program, Category category, String senderId, String body, String language) {
        if (category != Category.MARKETING) {
            return null;
        }
        String text = texts(program).get(language);
        if (text == null || namesWayToStop(program, body)) {
            return null;
        }
        return SEPARATOR + text.replace("{sender}", senderId);
    }

    static boolean namesWayToStop(Program program, String body) {
        for (String text : texts(program).values()) {
            Matcher keywords = KEYWORD.matcher(text);
            while (keywords.find()) {
                if (Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(keywords.group()) + "(?![\\p{L}\\p{N}])")
                        .matcher(body).find()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Map<String, String> texts(Program program) {
        return program.footerTexts() == null ? Map.of() : program.footerTexts();
    }
}
