package org.compliantsms.compliance.footer;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.events.BodyChanges;
import org.compliantsms.events.Category;
import org.compliantsms.events.Encoding;
import org.compliantsms.events.MessageRequested;
import org.compliantsms.events.text.SmsEncoding;

/**
 * The body an approval carries: the requested one, with the program's opt-out footer in the recipient's language
 * when a MARKETING body names no way to stop, and smart punctuation replaced when the program asks and that makes it
 * GSM-7. Always computed from the request as produced, so a redelivered or re-released request gets one footer.
 */
@ApplicationScoped
public class BodyComposer {
    static final String SEPARATOR = "\n";

    private final FooterConfig config;
    private final OptOutMarkers markers = OptOutMarkers.load();
    private final Map<String, Boolean> replacePunctuation = new HashMap<>();

    public BodyComposer(FooterConfig config) {
        this.config = config;
        if (config.enabled() && !config.texts().containsKey(config.defaultLanguage())) {
            throw new IllegalArgumentException("compliance.footer.texts." + config.defaultLanguage()
                    + " (the default language's footer) is not set");
        }
        config.programs().forEach((program, rules) -> replacePunctuation.put(program,
                rules.replaceSmartPunctuation().orElse(config.replaceSmartPunctuation())));
    }

    /** The final body, its encoding, and what changed (null when nothing did). */
    public record Composed(String body, SmsEncoding.Result encoding, BodyChanges changes) {
        public boolean footerAdded() {
            return changes != null && changes.footer() != null;
        }
    }

    public Composed compose(MessageRequested request, String country) {
        String body = request.body();
        SmsEncoding.Result before = SmsEncoding.of(body);
        int replaced = 0;
        if (before.encoding() == Encoding.UCS2
                && replacePunctuation.getOrDefault(request.programId(), config.replaceSmartPunctuation())) {
            SmartPunctuation.Replaced plain = SmartPunctuation.replace(body);
            if (plain.count() > 0 && SmsEncoding.isGsm7(plain.text())) {
                body = plain.text();
                replaced = plain.count();
            }
        }
        String footer = null;
        if (config.enabled() && request.category() == Category.MARKETING) {
            String language = language(request.locale(), country, request.programId());
            if (!markers.hasWayToStop(body, language)) {
                footer = SEPARATOR + footerText(request.programId(), language).replace("{sender}", request.senderId());
                body = body + footer;
            }
        }
        if (footer == null && replaced == 0) {
            return new Composed(body, before, null);
        }
        return new Composed(body, SmsEncoding.of(body), new BodyChanges(footer, replaced, before.encoding(),
                before.segments()));
    }

    /** The request's locale when a footer exists in it, else the country's language, else the default. */
    String language(String locale, String country, String programId) {
        if (locale != null && !locale.isBlank()) {
            String language = Locale.forLanguageTag(locale.replace('_', '-')).getLanguage();
            if (hasText(programId, language)) {
                return language;
            }
        }
        String byCountry = config.countryLanguages().get(country);
        return byCountry != null && hasText(programId, byCountry) ? byCountry : config.defaultLanguage();
    }

    private boolean hasText(String programId, String language) {
        FooterConfig.Program program = config.programs().get(programId);
        return (program != null && program.texts().containsKey(language)) || config.texts().containsKey(language);
    }

    private String footerText(String programId, String language) {
        FooterConfig.Program program = config.programs().get(programId);
        if (program != null && program.texts().containsKey(language)) {
            return program.texts().get(language);
        }
        return config.texts().get(language);
    }
}
