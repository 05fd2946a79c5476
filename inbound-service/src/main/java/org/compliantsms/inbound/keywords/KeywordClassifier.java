package org.compliantsms.inbound.keywords;

import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.events.Classification;
import org.compliantsms.events.Intent;

/**
 * Recognises the standard keywords of ARCHITECTURE section 6 in a reply: a whole reply that is one keyword once
 * normalised (so "Stop.", "ARRÊT", "ｓｔｏｐ" and "STOP\nSent from my iPhone" all match, "stopwatch" does not).
 */
@ApplicationScoped
public class KeywordClassifier {
    private static final Classification OTHER = new Classification(Intent.OTHER, null, null);

    private final Map<String, Classification> keywords = new HashMap<>();

    public KeywordClassifier() {
        optOut("en", "STOP", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT", "OPT OUT");
        add(Intent.OPT_OUT_ALL, "en", "STOPALL", "STOP ALL");
        optOut("fr", "ARRET", "ANNULER", "DESABONNER", "DESINSCRIRE");
        optOut("es", "BAJA", "ALTO", "CANCELAR");
        optOut("pt", "PARAR", "SAIR");
        optOut("de", "STOPP", "ABMELDEN");
        optOut("zh", "TD", "退订");
        add(Intent.OPT_IN, "en", "START", "UNSTOP", "YES");
        add(Intent.HELP, "en", "HELP", "INFO");
        add(Intent.HELP, "fr", "AIDE");
        add(Intent.HELP, "es", "AYUDA");
        add(Intent.HELP, "de", "HILFE");
    }

    public Classification classify(String text) {
        return keywords.getOrDefault(TextNormalizer.normalize(text), OTHER);
    }

    private void optOut(String language, String... words) {
        add(Intent.OPT_OUT, language, words);
    }

    private void add(Intent intent, String language, String... words) {
        for (String word : words) {
            String normalized = TextNormalizer.normalize(word);
            keywords.put(normalized, new Classification(intent, normalized, language));
        }
    }
}
