package org.compliantsms.inbound.keywords;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/**
 * Keywords a program adds to the standard packs, for replies to that program:
 *
 * <pre>
 * inbound.keywords.programs.acme-promo.opt-out=DESUSCRIBIR,FIN
 * inbound.keywords.programs.acme-promo.language=es
 * </pre>
 */
@ConfigMapping(prefix = "inbound.keywords")
public interface KeywordsConfig {
    /** Program id -> its own keywords. */
    Map<String, ProgramKeywords> programs();

    interface ProgramKeywords {
        Optional<List<String>> optOut();

        Optional<List<String>> optOutAll();

        Optional<List<String>> optIn();

        Optional<List<String>> help();

        /**
         * ISO 639-1 code recorded for these keywords; also the language chosen for a standard keyword several
         * languages share (with {@code fr}, a STOP is recorded as French). Empty: unknown for the program's
         * keywords, the usual precedence for shared ones.
         */
        Optional<String> language();
    }
}
