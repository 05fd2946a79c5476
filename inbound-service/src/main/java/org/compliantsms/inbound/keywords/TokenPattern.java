package org.compliantsms.inbound.keywords;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A phrase over tokens, compiled once from a pack line such as {@code STOP|QUIT @SENDING ~2 ME?}. Elements,
 * separated by spaces:
 * <ul>
 * <li>{@code WORD}, {@code WORD_WORD} (several tokens), {@code A|B} (either), {@code TEXT*} (a token starting
 * with TEXT), {@code *ING} (a token ending with ING after at least three letters), {@code @CLASS} (any word of a
 * class of the pack, which may itself name classes), {@code $} (the end of a segment); {@code ?} after an
 * element makes it optional;</li>
 * <li>{@code ~} or {@code ~N}: up to 3 (or N) tokens of anything;</li>
 * <li>{@code ^} first: the start of a segment.</li>
 * </ul>
 * A match lies within one sentence. Gaps are bounded, so matching costs at most a few hundred token comparisons at a
 * position.
 */
final class TokenPattern {
    private static final int DEFAULT_GAP = 3;

    private sealed interface Element permits Words, Gap, SegmentStart {
    }

    private record Words(String[][] literals, String[] prefixes, String[] suffixes, boolean segmentEnd,
            boolean optional) implements Element {
    }

    private record Gap(int max) implements Element {
    }

    private record SegmentStart() implements Element {
    }

    private final String source;
    private final Element[] elements;

    private TokenPattern(String source, Element[] elements) {
        this.source = source;
        this.elements = elements;
    }

    static TokenPattern compile(String source, Map<String, List<String>> classes) {
        String[] parts = source.strip().split("\\s+");
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.equals("^")) {
                if (i != 0) {
                    throw new IllegalArgumentException("^ must come first: " + source);
                }
                elements.add(new SegmentStart());
            } else if (part.matches("~\\d*")) {
                elements.add(new Gap(part.length() == 1 ? DEFAULT_GAP : Integer.parseInt(part.substring(1))));
            } else {
                elements.add(words(part, classes, source));
            }
        }
        if (elements.isEmpty() || !(elements.get(elements.size() - 1) instanceof Words)
                || elements.stream().noneMatch(e -> e instanceof Words w && !w.optional())) {
            throw new IllegalArgumentException("a pattern needs a required word and ends with a word: " + source);
        }
        return new TokenPattern(source, elements.toArray(Element[]::new));
    }

    private static Words words(String part, Map<String, List<String>> classes, String source) {
        boolean optional = part.endsWith("?") && part.length() > 1;
        String body = optional ? part.substring(0, part.length() - 1) : part;
        List<String[]> literals = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        List<String> suffixes = new ArrayList<>();
        boolean end = false;
        List<String> alternatives = new ArrayList<>();
        for (String alternative : body.split("\\|")) {
            expand(alternative, classes, source, alternatives, 0);
        }
        for (String alternative : alternatives) {
            if (alternative.equals("$")) {
                end = true;
            } else if (alternative.length() > 1 && alternative.endsWith("*")) {
                prefixes.add(single(alternative.substring(0, alternative.length() - 1), source));
            } else if (alternative.length() > 1 && alternative.startsWith("*")) {
                suffixes.add(single(alternative.substring(1), source));
            } else {
                String[] tokens = ReplyText.tokensOf(alternative);
                if (tokens.length == 0) {
                    throw new IllegalArgumentException("empty word '" + alternative + "' in " + source);
                }
                literals.add(tokens);
            }
        }
        return new Words(literals.toArray(String[][]::new), prefixes.toArray(String[]::new),
                suffixes.toArray(String[]::new), end, optional);
    }

    /** A class may name other classes ({@code class TARGET: ME, @MSG}); they are expanded, a few levels deep. */
    private static void expand(String alternative, Map<String, List<String>> classes, String source,
            List<String> into, int depth) {
        if (!alternative.startsWith("@")) {
            into.add(alternative.replace('_', ' '));
            return;
        }
        List<String> members = classes.get(alternative.substring(1));
        if (members == null || depth > 3) {
            throw new IllegalArgumentException("unknown (or too deeply nested) class " + alternative + " in " + source);
        }
        for (String member : members) {
            expand(member, classes, source, into, depth + 1);
        }
    }

    private static String single(String word, String source) {
        String[] tokens = ReplyText.tokensOf(word);
        if (tokens.length != 1) {
            throw new IllegalArgumentException("a * word must be one token: " + word + " in " + source);
        }
        return tokens[0];
    }

    /**
     * The tokens a match can start with, when the pattern starts with plain words (after an optional ^); empty when
     * it can start with anything, so that it must be tried at every position.
     */
    Set<String> firstTokens() {
        int first = elements[0] instanceof SegmentStart ? 1 : 0;
        Set<String> tokens = new TreeSet<>();
        if (elements[first] instanceof Words words && !words.optional() && words.prefixes().length == 0
                && words.suffixes().length == 0 && !words.segmentEnd()) {
            for (String[] literal : words.literals()) {
                tokens.add(literal[0]);
            }
        }
        return tokens;
    }

    /** The end (exclusive) of a match starting at token {@code start}, or -1. */
    int matchAt(ReplyText reply, int start) {
        int end = match(reply, 0, start);
        return end >= 0 && reply.oneSentence(start, end) ? end : -1;
    }

    private int match(ReplyText reply, int e, int at) {
        if (e == elements.length) {
            return at;
        }
        Element element = elements[e];
        if (element instanceof SegmentStart) {
            return reply.atSegmentStart(at) ? match(reply, e + 1, at) : -1;
        }
        if (element instanceof Gap gap) {
            for (int skip = 0; skip <= gap.max() && at + skip <= reply.size(); skip++) {
                int end = match(reply, e + 1, at + skip);
                if (end >= 0) {
                    return end;
                }
            }
            return -1;
        }
        Words words = (Words) element;
        if (at < reply.size()) {
            for (String[] literal : words.literals()) {
                if (startsWith(reply, at, literal)) {
                    int end = match(reply, e + 1, at + literal.length);
                    if (end >= 0) {
                        return end;
                    }
                }
            }
            String token = reply.token(at);
            for (String prefix : words.prefixes()) {
                if (token.startsWith(prefix)) {
                    int end = match(reply, e + 1, at + 1);
                    if (end >= 0) {
                        return end;
                    }
                }
            }
            for (String suffix : words.suffixes()) {
                if (token.length() >= suffix.length() + 3 && token.endsWith(suffix)) {
                    int end = match(reply, e + 1, at + 1);
                    if (end >= 0) {
                        return end;
                    }
                }
            }
        }
        if (words.segmentEnd() && reply.atSegmentEnd(at)) {
            int end = match(reply, e + 1, at);
            if (end >= 0) {
                return end;
            }
        }
        return words.optional() ? match(reply, e + 1, at) : -1;
    }

    private static boolean startsWith(ReplyText reply, int at, String[] literal) {
        if (at + literal.length > reply.size()) {
            return false;
        }
        for (int i = 0; i < literal.length; i++) {
            if (!reply.token(at + i).equals(literal[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return source;
    }
}
