package org.compliantsms.inbound.keywords;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.compliantsms.events.Intent;

/**
 * Reads a pack. One entry a line, {@code #} starts a comment, words are comma-separated and written as people
 * write them (accents and case do not matter):
 *
 * <pre>
 * language: fr
 * main: ARRET                        the keyword opt-out phrases are recorded as (default: first opt-out)
 * opt-out: ARRET, STOP, DESABONNER   also opt-out-all, opt-in, help
 * opt-out alone: ANNULER, FIN        keywords only when the reply is that word (common words)
 * opt-in alone: OUI                  words that mean yes (see KeywordClassifier#isAffirmation)
 * polite: SVP, MERCI                 filler that is politeness
 * filler: BONJOUR, SMS
 * negation: NE, PAS | doubt: POURQUOI | clause: MAIS | laughter: MDR, PTDR
 * class ENVOI: ENVOYER, ECRIRE*      words a pattern refers to as @ENVOI
 * phrase opt-out: NE ~2 @ENVOI ~1 PLUS     a {@link TokenPattern}; also opt-out-all, opt-in, help
 * chatter: ARRET DE|DU BUS                 the ordinary sense of a keyword
 * </pre>
 *
 * Lines may repeat a key to continue its list.
 */
final class KeywordPackParser {
    private static final Map<String, Intent> INTENTS = Map.of("opt-out", Intent.OPT_OUT, "opt-out-all",
            Intent.OPT_OUT_ALL, "opt-in", Intent.OPT_IN, "help", Intent.HELP);

    private KeywordPackParser() {
    }

    static KeywordPack parse(String name, List<String> lines) {
        String language = null;
        String main = null;
        List<KeywordPack.Keyword> keywords = new ArrayList<>();
        Map<String, List<String>> lists = new HashMap<>();
        Map<String, List<String>> classes = new HashMap<>();
        List<KeywordPack.Phrase> phrases = new ArrayList<>();
        List<TokenPattern> chatter = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = stripComment(lines.get(n));
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                throw error(name, n, "expected 'key: value'");
            }
            String key = line.substring(0, colon).strip().toLowerCase();
            String value = line.substring(colon + 1).strip();
            try {
                if (key.equals("language")) {
                    language = value;
                } else if (key.equals("main")) {
                    main = TextNormalizer.words(value);
                } else if (INTENTS.containsKey(key) || key.endsWith(" alone") && INTENTS.containsKey(key.substring(0,
                        key.length() - " alone".length()))) {
                    boolean alone = key.endsWith(" alone");
                    Intent intent = INTENTS.get(alone ? key.substring(0, key.length() - " alone".length()) : key);
                    for (String word : words(value)) {
                        keywords.add(new KeywordPack.Keyword(intent, TextNormalizer.words(word), alone));
                    }
                } else if (List.of("polite", "filler", "negation", "doubt", "clause", "laughter").contains(key)) {
                    lists.computeIfAbsent(key, k -> new ArrayList<>()).addAll(words(value));
                } else if (key.startsWith("class ")) {
                    classes.computeIfAbsent(key.substring("class ".length()).strip().toUpperCase(),
                            k -> new ArrayList<>()).addAll(words(value));
                } else if (key.startsWith("phrase ") && INTENTS.containsKey(key.substring("phrase ".length()))) {
                    phrases.add(new KeywordPack.Phrase(INTENTS.get(key.substring("phrase ".length())),
                            TokenPattern.compile(value, classes)));
                } else if (key.equals("chatter")) {
                    chatter.add(TokenPattern.compile(value, classes));
                } else {
                    throw error(name, n, "unknown key '" + key + "'");
                }
            } catch (IllegalArgumentException e) {
                throw error(name, n, e.getMessage());
            }
        }
        if (language == null || !language.matches("[a-z]{2}")) {
            throw error(name, 0, "a pack needs 'language: <ISO 639-1 code>'");
        }
        List<String> polite = lists.getOrDefault("polite", List.of());
        List<String> fillers = new ArrayList<>(polite);
        fillers.addAll(lists.getOrDefault("filler", List.of()));
        return new KeywordPack(language, main, List.copyOf(keywords), List.copyOf(polite), List.copyOf(fillers),
                List.copyOf(lists.getOrDefault("negation", List.of())),
                List.copyOf(lists.getOrDefault("doubt", List.of())),
                List.copyOf(lists.getOrDefault("clause", List.of())),
                List.copyOf(lists.getOrDefault("laughter", List.of())), List.copyOf(phrases), List.copyOf(chatter));
    }

    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        return (hash >= 0 ? line.substring(0, hash) : line).strip();
    }

    private static List<String> words(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).filter(w -> !w.isEmpty()).toList();
    }

    private static IllegalStateException error(String name, int line, String message) {
        return new IllegalStateException("keyword pack " + name + " line " + (line + 1) + ": " + message);
    }
}
