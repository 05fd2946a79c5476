package org.compliantsms.inbound.confirmation;

import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The replies' texts per program and language, replacing the defaults of {@link ReplyTexts}:
 *
 * <pre>
 * inbound.replies.programs.acme-promo.brand=ACME
 * inbound.replies.programs.acme-promo.contact=acme.example/help or 0800 123 456
 * inbound.replies.programs.acme-promo.help.fr=ACME : 4 messages par mois. ...
 * inbound.replies.programs.acme-promo.opt-out.en=ACME: you will receive no more offers. Reply START to resubscribe.
 * </pre>
 */
@ConfigMapping(prefix = "inbound.replies")
public interface RepliesConfig {
    /** The brand in HELP answers of programs that name none. */
    @WithDefault("Compliant SMS")
    String brand();

    /** The support contact in HELP answers of programs that name none. */
    @WithDefault("support@example.com")
    String contact();

    Map<String, Program> programs();

    interface Program {
        Optional<String> brand();

        Optional<String> contact();

        /** By ISO 639-1 language; "en" is the fallback for a language without a text. */
        Map<String, String> help();

        Map<String, String> optOut();

        Map<String, String> optOutAll();

        Map<String, String> optIn();
    }
}
