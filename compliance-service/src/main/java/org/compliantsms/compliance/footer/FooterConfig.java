package org.compliantsms.compliance.footer;

import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The opt-out footer of MARKETING messages and the optional punctuation clean-up (docs/compliance.md#opt-out-footer).
 * Texts may name {@code {sender}}, the request's sender id.
 */
@ConfigMapping(prefix = "compliance.footer")
public interface FooterConfig {
    @WithDefault("true")
    boolean enabled();

    /** The footer's language when neither the request's locale nor the number's country gives one with a text. */
    @WithDefault("en")
    String defaultLanguage();

    /** Footer per language (ISO 639-1), e.g. {@code compliance.footer.texts.fr=STOP au {sender}}. */
    Map<String, String> texts();

    /** The language of a country's recipients (ISO 3166 to ISO 639-1) when the request has no locale. */
    Map<String, String> countryLanguages();

    /** Replace smart quotes, dashes, ellipses and special spaces when that alone makes the body GSM-7. */
    @WithDefault("false")
    boolean replaceSmartPunctuation();

    Map<String, Program> programs();

    interface Program {
        /** This program's footers per language; a language it lacks takes the platform's. */
        Map<String, String> texts();

        Optional<Boolean> replaceSmartPunctuation();
    }
}
