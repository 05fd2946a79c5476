package org.compliantsms.inbound.keywords;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.compliantsms.events.Intent;

/**
 * The phrases and chatter patterns of every pack, indexed by the token they start with so that a reply is only
 * tried against the patterns that can start at each of its tokens.
 */
final class PhraseBook {
    /** How far before a phrase a negation or doubt still bears on it ("I do not want you to stop texting"). */
    private static final int LOOK_BACK = 5;

    record Phrase(Intent intent, KeywordPack pack, TokenPattern pattern, List<String[]> negations,
            List<String[]> doubts, List<String[]> clauses) {
    }

    /**
     * @param vetoed a negation or doubt shortly before it ("don't stop texting me", "why did you stop sending"):
     *            not a request
     */
    record Match(Phrase phrase, int start, int end, boolean vetoed) {
    }

    private final Index<Phrase> phrases = new Index<>();
    private final Index<TokenPattern> chatter = new Index<>();

    PhraseBook(List<KeywordPack> packs) {
        for (KeywordPack pack : packs) {
            List<String[]> negations = tokens(pack.negations());
            List<String[]> doubts = tokens(pack.doubts());
            List<String[]> clauses = tokens(pack.clauses());
            for (KeywordPack.Phrase phrase : pack.phrases()) {
                phrases.add(phrase.pattern(),
                        new Phrase(phrase.intent(), pack, phrase.pattern(), negations, doubts, clauses));
            }
            pack.chatter().forEach(pattern -> chatter.add(pattern, pattern));
        }
    }

    private static List<String[]> tokens(List<String> words) {
        return words.stream().map(ReplyText::tokensOf).filter(t -> t.length > 0).toList();
    }

    /** Every phrase found in the reply, in order of position, then pack. */
    List<Match> find(ReplyText reply) {
        List<Match> found = new ArrayList<>();
        for (int i = 0; i < reply.size(); i++) {
            for (Phrase phrase : phrases.startingWith(reply.token(i))) {
                tryAt(reply, phrase, i, found);
            }
            for (Phrase phrase : phrases.anywhere) {
                tryAt(reply, phrase, i, found);
            }
        }
        return found;
    }

    private static void tryAt(ReplyText reply, Phrase phrase, int i, List<Match> found) {
        int end = phrase.pattern().matchAt(reply, i);
        if (end > i) {
            found.add(new Match(phrase, i, end, vetoed(reply, phrase, i)));
        }
    }

    /** Which tokens lie inside an ordinary use of a keyword ("bus stop", "stop by", "start time"). */
    boolean[] chatter(ReplyText reply) {
        boolean[] covered = new boolean[reply.size()];
        for (int i = 0; i < reply.size(); i++) {
            for (TokenPattern pattern : chatter.startingWith(reply.token(i))) {
                cover(reply, pattern, i, covered);
            }
            for (TokenPattern pattern : chatter.anywhere) {
                cover(reply, pattern, i, covered);
            }
        }
        return covered;
    }

    private static void cover(ReplyText reply, TokenPattern pattern, int i, boolean[] covered) {
        int end = pattern.matchAt(reply, i);
        for (int j = i; j < end; j++) {
            covered[j] = true;
        }
    }

    private static boolean vetoed(ReplyText reply, Phrase phrase, int start) {
        boolean startsNegated = startsWithAny(reply, start, phrase.negations(), reply.size());
        int segment = reply.segmentOf(start);
        for (int j = start - 1; j >= Math.max(0, start - LOOK_BACK) && reply.segmentOf(j) == segment; j--) {
            if (startsWithAny(reply, j, phrase.clauses(), start)) {
                return false;
            }
            if (startsWithAny(reply, j, phrase.doubts(), start)
                    || !startsNegated && startsWithAny(reply, j, phrase.negations(), start)) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWithAny(ReplyText reply, int at, List<String[]> words, int limit) {
        for (String[] word : words) {
            if (at + word.length <= limit && matches(reply, at, word)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(ReplyText reply, int at, String[] word) {
        for (int k = 0; k < word.length; k++) {
            if (!reply.token(at + k).equals(word[k])) {
                return false;
            }
        }
        return true;
    }

    /** Patterns by their possible first token, and those that can start anywhere. */
    private static final class Index<T> {
        private final Map<String, List<T>> byFirstToken = new HashMap<>();
        private final List<T> anywhere = new ArrayList<>();

        void add(TokenPattern pattern, T value) {
            var first = pattern.firstTokens();
            if (first.isEmpty()) {
                anywhere.add(value);
            } else {
                for (String token : first) {
                    List<T> values = byFirstToken.computeIfAbsent(token, k -> new ArrayList<>());
                    if (!values.contains(value)) {
                        values.add(value);
                    }
                }
            }
        }

        List<T> startingWith(String token) {
            return byFirstToken.getOrDefault(token, List.of());
        }
    }
}
