package org.compliantsms.inbound.keywords;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.compliantsms.events.Intent;

/**
 * A span that is nothing but keywords and filler ("STOP STOP", "Stop, thank you", "basta grazie"): what it asks
 * for, and the languages of its filler, which tell apart the languages that share a keyword ("Stopp tack" is
 * Swedish, "Stopp bitte" German).
 */
record KeywordRun(List<Vocabulary.Sense> senses, Set<String> fillerLanguages, boolean polite) {

    /**
     * The intent of the run; null when it asks for opposite things ("STOP START"). An opt-out outweighs a mere
     * "yes" ("Yes, stop"), all outweighs one program, and an opt-out a request for help.
     */
    Intent intent() {
        Set<Intent> intents = new HashSet<>();
        boolean strongOptIn = false;
        for (Vocabulary.Sense sense : senses) {
            intents.add(sense.intent());
            strongOptIn |= sense.intent() == Intent.OPT_IN && !sense.standaloneOnly();
        }
        boolean optOut = intents.contains(Intent.OPT_OUT) || intents.contains(Intent.OPT_OUT_ALL);
        if (optOut && strongOptIn) {
            return null;
        }
        if (intents.contains(Intent.OPT_OUT_ALL)) {
            return Intent.OPT_OUT_ALL;
        }
        if (optOut) {
            return Intent.OPT_OUT;
        }
        return intents.contains(Intent.HELP) ? Intent.HELP : Intent.OPT_IN;
    }

    /** The first keyword of the winning intent, or of the run when it has none. */
    Vocabulary.Sense lead() {
        Intent intent = intent();
        return senses.stream().filter(s -> s.intent() == intent).findFirst().orElse(senses.get(0));
    }

    /** Whether any keyword of the run is a command even inside a sentence. */
    boolean strong() {
        return senses.stream().anyMatch(s -> !s.standaloneOnly());
    }

    /** The language to record: the program's, else one the filler speaks, else the keyword's first. */
    String language(String preferred) {
        List<String> languages = lead().languages();
        if (languages.isEmpty()) {
            return preferred;
        }
        if (preferred != null && languages.contains(preferred)) {
            return preferred;
        }
        return languages.stream().filter(fillerLanguages::contains).findFirst().orElse(languages.get(0));
    }

    static final class Builder {
        private final List<Vocabulary.Sense> senses = new ArrayList<>();
        private final Set<String> fillerLanguages = new HashSet<>();
        private boolean polite;

        void keyword(Vocabulary.Sense sense) {
            senses.add(sense);
        }

        void filler(Set<String> languages, boolean politeness) {
            // A word many languages share ("SMS", "INFO") says nothing about which one this is.
            if (languages.size() == 1) {
                fillerLanguages.addAll(languages);
            }
            polite |= politeness;
        }

        KeywordRun build() {
            return senses.isEmpty() ? null : new KeywordRun(List.copyOf(senses), Set.copyOf(fillerLanguages), polite);
        }
    }
}
