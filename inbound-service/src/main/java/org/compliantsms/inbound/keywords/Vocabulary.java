package org.compliantsms.inbound.keywords;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.compliantsms.events.Intent;

/**
 * Every keyword and filler word of the packs (plus a program's own keywords), by their tokens joined with spaces:
 * which keyword a span of a reply is, and whether a span is nothing but keywords and filler.
 */
final class Vocabulary {
    /** Shorter keywords are too easily another word with two letters swapped ("ALTO", "LATO"). */
    private static final int MIN_TYPO_LENGTH = 4;
    /** From this length one letter too many or too few is still that keyword ("UNSUBCRIBE"). */
    private static final int MIN_EDIT_LENGTH = 7;

    /**
     * @param keyword as recorded: upper case, accents removed, as the packs spell it
     * @param languages the languages that have this keyword, in order of precedence
     */
    record Sense(Intent intent, String keyword, List<String> languages, boolean standaloneOnly) {
    }

    /** A keyword found at a position, and how many tokens it took. */
    record Found(Sense sense, int length) {
    }

    private final Map<String, Sense> keywords;
    private final Set<String> keywordStarts;
    private final int longestKeyword;
    private final Map<String, Set<String>> fillers;
    private final Set<String> polite;
    private final int longestFiller;
    private final List<String> typoCandidates;
    private final Set<String> laughter;
    private final List<String> laughterPrefixes;

    private Vocabulary(Map<String, Sense> keywords, Map<String, Set<String>> fillers, Set<String> polite,
            Set<String> laughter) {
        this.keywords = Map.copyOf(keywords);
        this.laughter = laughter.stream().filter(w -> !w.endsWith("*")).collect(Collectors.toUnmodifiableSet());
        this.laughterPrefixes = laughter.stream().filter(w -> w.endsWith("*"))
                .map(w -> w.substring(0, w.length() - 1)).toList();
        this.fillers = Map.copyOf(fillers);
        this.polite = Set.copyOf(polite);
        Set<String> starts = new HashSet<>();
        List<String> typos = new ArrayList<>();
        int longest = 1;
        for (String key : keywords.keySet()) {
            String[] tokens = key.split(" ");
            starts.add(tokens[0]);
            longest = Math.max(longest, tokens.length);
            if (tokens.length == 1 && key.length() >= MIN_TYPO_LENGTH && key.chars().allMatch(Character::isLetter)) {
                typos.add(key);
            }
        }
        this.keywordStarts = Set.copyOf(starts);
        this.longestKeyword = longest;
        this.typoCandidates = List.copyOf(typos);
        this.longestFiller = fillers.keySet().stream().mapToInt(k -> k.split(" ").length).max().orElse(1);
    }

    static Vocabulary of(List<KeywordPack> packs) {
        Map<String, Sense> keywords = new HashMap<>();
        Map<String, Set<String>> fillers = new HashMap<>();
        Set<String> polite = new HashSet<>();
        Set<String> laughter = new HashSet<>();
        for (KeywordPack pack : packs) {
            pack.laughter().forEach(word -> laughter.add(word.endsWith("*")
                    ? String.join(" ", ReplyText.tokensOf(word.substring(0, word.length() - 1))) + "*"
                    : key(word)));
            for (KeywordPack.Keyword keyword : pack.keywords()) {
                String key = key(keyword.word());
                Sense known = keywords.get(key);
                if (known != null && known.intent() != keyword.intent()) {
                    throw new IllegalStateException(keyword.word() + " is " + known.intent() + " in "
                            + known.languages() + " but " + keyword.intent() + " in " + pack.language());
                }
                keywords.put(key, known == null
                        ? new Sense(keyword.intent(), keyword.word(), List.of(pack.language()),
                                keyword.standaloneOnly())
                        : new Sense(known.intent(), known.keyword(), plus(known.languages(), pack.language()),
                                known.standaloneOnly() && keyword.standaloneOnly()));
            }
            for (String filler : pack.fillers()) {
                fillers.computeIfAbsent(key(filler), k -> new LinkedHashSet<>()).add(pack.language());
            }
            pack.polite().forEach(word -> polite.add(key(word)));
        }
        return new Vocabulary(keywords, fillers, polite, laughter);
    }

    /** This vocabulary plus keywords of one program, which take precedence and count inside sentences too. */
    Vocabulary with(Map<Intent, List<String>> programKeywords, String language) {
        Map<String, Sense> merged = new HashMap<>(keywords);
        programKeywords.forEach((intent, words) -> {
            for (String word : words) {
                String keyword = TextNormalizer.words(word);
                if (!keyword.isEmpty()) {
                    merged.put(key(keyword), new Sense(intent, keyword,
                            language == null ? List.of() : List.of(language), false));
                }
            }
        });
        return new Vocabulary(merged, fillers, polite, laughterWords());
    }

    private Set<String> laughterWords() {
        Set<String> words = new HashSet<>(laughter);
        laughterPrefixes.forEach(prefix -> words.add(prefix + "*"));
        return words;
    }

    /** Whether the reply laughs ("lol", "mdr", "jajaja", 😂): a "Stop!" in it is teasing rather than a request. */
    boolean laughs(ReplyText reply) {
        if (reply.laughEmoji()) {
            return true;
        }
        for (String token : reply.tokens()) {
            if (laughter.contains(token)) {
                return true;
            }
            for (String prefix : laughterPrefixes) {
                if (token.startsWith(prefix)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The reply with misspelt long keywords corrected ("Unsubscibe me"), for phrases to read; short words are left
     * alone there, since inside a sentence "SOTP" may be anything.
     */
    ReplyText corrected(ReplyText reply) {
        String[] tokens = null;
        for (int i = 0; i < reply.size(); i++) {
            String token = reply.token(i);
            if (token.length() < MIN_EDIT_LENGTH - 1 || keywords.containsKey(token) || fillers.containsKey(token)) {
                continue;
            }
            Sense sense = typo(token);
            if (sense != null && sense.keyword().length() >= MIN_EDIT_LENGTH) {
                tokens = tokens == null ? reply.tokens().clone() : tokens;
                tokens[i] = key(sense.keyword());
            }
        }
        return tokens == null ? reply : reply.withTokens(tokens);
    }

    private static List<String> plus(List<String> languages, String language) {
        if (languages.contains(language)) {
            return languages;
        }
        List<String> more = new ArrayList<>(languages);
        more.add(language);
        return List.copyOf(more);
    }

    private static String key(String word) {
        return String.join(" ", ReplyText.tokensOf(word));
    }

    /** Whether a keyword is a word for yes (YES, OUI, JA): an opt-in keyword that counts only alone. */
    boolean isAffirmation(String keyword) {
        Sense sense = keyword == null ? null : keywords.get(key(keyword));
        return sense != null && sense.intent() == Intent.OPT_IN && sense.standaloneOnly();
    }

    /** The longest keyword starting at token i, ending by {@code limit}; null if none. */
    Found keywordAt(ReplyText reply, int i, int limit) {
        if (!keywordStarts.contains(reply.token(i))) {
            return null;
        }
        for (int length = Math.min(longestKeyword, limit - i); length >= 1; length--) {
            Sense sense = keywords.get(reply.span(i, i + length));
            if (sense != null) {
                return new Found(sense, length);
            }
        }
        return null;
    }

    /**
     * For each language, how many tokens of the reply are filler only that language has ("BESKEDER" is Danish,
     * "MELDINGER" Norwegian): what tells apart phrases that read the same in two languages.
     */
    Map<String, Integer> fillerLanguages(ReplyText reply) {
        Map<String, Integer> votes = new HashMap<>();
        for (int i = 0; i < reply.size(); i++) {
            Set<String> languages = fillers.get(reply.token(i));
            if (languages != null && languages.size() == 1) {
                votes.merge(languages.iterator().next(), 1, Integer::sum);
            }
        }
        return votes;
    }

    /** The length of the longest filler starting at token i, ending by {@code limit}; 0 if none. */
    private int fillerAt(ReplyText reply, int i, int limit, KeywordRun.Builder run) {
        if (reply.token(i).chars().allMatch(Character::isDigit)) {
            return 1; // a short code or number: "STOP 36180", "STOP au 36180"
        }
        for (int length = Math.min(longestFiller, limit - i); length >= 1; length--) {
            String span = reply.span(i, i + length);
            Set<String> languages = fillers.get(span);
            if (languages != null) {
                run.filler(languages, polite.contains(span));
                return length;
            }
        }
        return 0;
    }

    /**
     * Tokens from..to-1 read as keywords and filler only, with at least one keyword ("Stop please", "STOP STOP",
     * "Stopp tack", "Sotp"); null when any token is neither.
     */
    KeywordRun runOf(ReplyText reply, int from, int to) {
        KeywordRun.Builder run = new KeywordRun.Builder();
        for (int i = from; i < to;) {
            Found found = keywordAt(reply, i, to);
            if (found != null) {
                run.keyword(found.sense());
                i += found.length();
                continue;
            }
            int filler = fillerAt(reply, i, to, run);
            if (filler > 0) {
                i += filler;
                continue;
            }
            Sense typo = typo(reply.token(i));
            if (typo == null) {
                return null;
            }
            run.keyword(typo);
            i++;
        }
        return run.build();
    }

    /**
     * The keyword a token is a typo of: letters held down ("STOOOP"), two letters swapped ("SOTP"), or, for a long
     * keyword, one letter missing or extra ("UNSUBCRIBE"). Substitutions are left out: they turn ABMELDEN into
     * ANMELDEN. Null when no keyword, or keywords of different intents, are that close.
     */
    private Sense typo(String token) {
        String squeezed = squeeze(token);
        if (!squeezed.equals(token) && keywords.containsKey(squeezed)) {
            return keywords.get(squeezed);
        }
        if (token.length() < MIN_TYPO_LENGTH) {
            return null;
        }
        Sense found = null;
        for (String candidate : typoCandidates) {
            if (Math.abs(candidate.length() - token.length()) > 1 || candidate.charAt(0) != token.charAt(0)
                    && candidate.charAt(1) != token.charAt(1)) {
                continue;
            }
            boolean close = candidate.length() == token.length() ? swappedOnce(candidate, token)
                    : candidate.length() >= MIN_EDIT_LENGTH && oneInsertedOrDropped(candidate, token);
            if (close) {
                Sense sense = keywords.get(candidate);
                if (found != null && found.intent() != sense.intent()) {
                    return null;
                }
                found = found == null ? sense : found;
            }
        }
        return found;
    }

    /** Runs of three or more of a letter as one. */
    private static String squeeze(String token) {
        StringBuilder out = new StringBuilder(token.length());
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            int run = 1;
            while (i + run < token.length() && token.charAt(i + run) == c) {
                run++;
            }
            out.append(run >= 3 ? String.valueOf(c) : token.substring(i, i + run));
            i += run - 1;
        }
        return out.toString();
    }

    private static boolean swappedOnce(String a, String b) {
        int first = -1;
        for (int i = 0; i < a.length(); i++) {
            if (a.charAt(i) != b.charAt(i)) {
                if (first >= 0) {
                    return i == first + 1 && a.charAt(first) == b.charAt(i) && a.charAt(i) == b.charAt(first)
                            && a.regionMatches(i + 1, b, i + 1, a.length() - i - 1);
                }
                first = i;
            }
        }
        return false;
    }

    private static boolean oneInsertedOrDropped(String a, String b) {
        String longer = a.length() > b.length() ? a : b;
        String shorter = longer == a ? b : a;
        int i = 0;
        while (i < shorter.length() && shorter.charAt(i) == longer.charAt(i)) {
            i++;
        }
        return longer.regionMatches(i + 1, shorter, i, shorter.length() - i);
    }
}
