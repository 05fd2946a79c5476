package org.compliantsms.inbound.keywords;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A reply as the classifier reads it: folded tokens, each in a segment (a sentence or clause, split at . ! ? ; , :
 * dashes and line breaks) and a sentence (split at the same marks but commas, colons and dashes), and whether a
 * segment asked a question. Han, hiragana and katakana are one token per character, since those scripts do not
 * separate words; keywords and phrases in them are written as characters too.
 */
final class ReplyText {
    private static final ReplyText EMPTY = new ReplyText(new String[0], new int[0], new int[0], new boolean[0],
            false);

    private final String[] tokens;
    private final int[] segmentOf;
    private final int[] sentenceOf;
    private final boolean[] questionSegment;
    private final boolean laughEmoji;
    private final String joined;
    private final int[] offsets;

    private ReplyText(String[] tokens, int[] segmentOf, int[] sentenceOf, boolean[] questionSegment,
            boolean laughEmoji) {
        this.tokens = tokens;
        this.laughEmoji = laughEmoji;
        this.segmentOf = segmentOf;
        this.sentenceOf = sentenceOf;
        this.questionSegment = questionSegment;
        this.joined = String.join(" ", tokens);
        this.offsets = new int[tokens.length + 1];
        for (int i = 0, at = 0; i < tokens.length; i++) {
            offsets[i] = at;
            at += tokens[i].length() + 1;
        }
        offsets[tokens.length] = joined.length() + 1;
    }

    /** The reply once quoted text and signatures are cut. */
    static ReplyText of(String text) {
        if (text == null || text.isBlank()) {
            return EMPTY;
        }
        return read(joinSpacedLetters(TextNormalizer.fold(ReplyCleaner.clean(text))));
    }

    /** "S T O P", "S.T.O.P": three or more single letters in a row, one separator apart, are one word. */
    private static String joinSpacedLetters(String folded) {
        StringBuilder joined = null;
        int copied = 0;
        for (int i = 0; i < folded.length(); i++) {
            int end = spacedLettersEnd(folded, i);
            if (end > 0) {
                joined = joined == null ? new StringBuilder(folded.length()) : joined;
                joined.append(folded, copied, i);
                for (int k = i; k < end; k += 2) {
                    joined.append(folded.charAt(k));
                }
                copied = end;
                i = end - 1;
            }
        }
        return joined == null ? folded : joined.append(folded, copied, folded.length()).toString();
    }

    /** The end of a run of spaced single letters starting at i, or 0 when there is none of three or more. */
    private static int spacedLettersEnd(String s, int i) {
        if (!isLoneLetter(s, i)) {
            return 0;
        }
        int letters = 1;
        int end = i + 1;
        while (end + 1 < s.length() && isLetterSeparator(s.charAt(end)) && isLoneLetter(s, end + 1)) {
            letters++;
            end += 2;
        }
        return letters >= 3 ? end : 0;
    }

    private static boolean isLoneLetter(String s, int i) {
        char c = s.charAt(i);
        return c < 0x250 && Character.isLetter(c) && (i == 0 || !Character.isLetterOrDigit(s.charAt(i - 1)))
                && (i + 1 == s.length() || !Character.isLetterOrDigit(s.charAt(i + 1)));
    }

    private static boolean isLetterSeparator(char c) {
        return c == ' ' || c == '.' || c == '-';
    }

    /** The tokens of a keyword, filler or pattern word as written in a pack or in configuration. */
    static String[] tokensOf(String word) {
        return read(TextNormalizer.fold(word)).tokens;
    }

    private static ReplyText read(String folded) {
        Reader reader = new Reader(folded.length());
        for (int i = 0; i < folded.length();) {
            int cp = folded.codePointAt(i);
            i += Character.charCount(cp);
            if (cp >= 0xFE00 && cp <= 0xFE0F) {
                continue; // emoji variation selectors, even right after a word ("STOP✋️")
            }
            if (isWordless(cp)) {
                reader.flush();
                reader.token.appendCodePoint(cp);
                reader.flush();
            } else if (Character.isLetterOrDigit(cp) || isMark(cp) && !reader.token.isEmpty()) {
                reader.token.appendCodePoint(cp);
            } else if (isMark(cp)) {
                continue; // a mark with no letter before it, such as the variation selector of "❤️"
            } else {
                reader.flush();
                boolean dash = cp == '-' && i < folded.length() && folded.charAt(i) == '-';
                reader.punctuation(dash ? '—' : cp); // "Stop -- Mike": a double hyphen is a dash
            }
        }
        reader.flush();
        return reader.reply();
    }

    /** Tokens, with their segment and sentence, as the characters go by. */
    private static final class Reader {
        final StringBuilder token = new StringBuilder();
        final List<String> tokens = new ArrayList<>();
        int[] segments;
        int[] sentences;
        boolean[] questions;
        int segment;
        int sentence;
        boolean laughs;

        Reader(int length) {
            int capacity = length + 1; // at most a token, and a segment, per character
            segments = new int[capacity];
            sentences = new int[capacity];
            questions = new boolean[capacity];
        }

        void flush() {
            if (!token.isEmpty()) {
                int n = tokens.size();
                tokens.add(token.toString());
                segments[n] = segment;
                sentences[n] = sentence;
                token.setLength(0);
            }
        }

        void punctuation(int cp) {
            if (isLaughter(cp)) {
                laughs = true;
            }
            if (isQuestionMark(cp)) {
                questions[segment] = true;
            }
            boolean tokenInSegment = !tokens.isEmpty() && segments[tokens.size() - 1] == segment;
            boolean tokenInSentence = !tokens.isEmpty() && sentences[tokens.size() - 1] == sentence;
            if (endsSegment(cp) && tokenInSegment) {
                segment++;
            }
            if (endsSentence(cp) && tokenInSentence) {
                sentence++;
            }
        }

        ReplyText reply() {
            if (tokens.isEmpty()) {
                return EMPTY;
            }
            int n = tokens.size();
            return new ReplyText(tokens.toArray(String[]::new), Arrays.copyOf(segments, n),
                    Arrays.copyOf(sentences, n), Arrays.copyOf(questions, segment + 1), laughs);
        }
    }

    private static boolean isWordless(int cp) {
        if (cp < 0x2E80) {
            return false; // below the CJK blocks: spares the script lookup for nearly every character
        }
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || cp == 0x30FC;
    }

    private static boolean isMark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK;
    }

    /** 😂 🤣 😆 😹 */
    private static boolean isLaughter(int cp) {
        return cp == 0x1F602 || cp == 0x1F923 || cp == 0x1F606 || cp == 0x1F639;
    }

    private static boolean isQuestionMark(int cp) {
        return cp == '?' || cp == '¿' || cp == '？';
    }

    private static boolean endsSegment(int cp) {
        return switch (cp) {
            case '.', '!', '?', ';', ',', ':', '\n', '\r', '¡', '¿', '…', '—', '–' -> true;
            case '。', '！', '？', '；', '，', '、', '：' -> true;
            default -> false;
        };
    }

    /** Clause marks (commas, colons) end a segment but not a sentence. */
    private static boolean endsSentence(int cp) {
        return switch (cp) {
            case ',', ':', '—', '–', '，', '、', '：' -> false;
            default -> endsSegment(cp);
        };
    }

    /** Whether tokens from..to-1 lie in one sentence. */
    boolean oneSentence(int from, int to) {
        return to <= from || sentenceOf[from] == sentenceOf[to - 1];
    }

    /** Whether the reply laughs in emoji; laughing words are the packs' to know. */
    boolean laughEmoji() {
        return laughEmoji;
    }

    /** This reply with some tokens replaced (typos corrected); segments and sentences stay. */
    ReplyText withTokens(String[] replaced) {
        return new ReplyText(replaced, segmentOf, sentenceOf, questionSegment, laughEmoji);
    }

    int size() {
        return tokens.length;
    }

    boolean isEmpty() {
        return tokens.length == 0;
    }

    String token(int i) {
        return tokens[i];
    }

    String[] tokens() {
        return tokens;
    }

    int segmentOf(int i) {
        return segmentOf[i];
    }

    /** Whether any segment asked a question. */
    boolean asksAnything() {
        for (boolean q : questionSegment) {
            if (q) {
                return true;
            }
        }
        return false;
    }

    /** Whether position i (a token index, or size()) starts a segment or ends one. */
    boolean atSegmentStart(int i) {
        return i == 0 || (i < tokens.length && segmentOf[i] != segmentOf[i - 1]);
    }

    boolean atSegmentEnd(int i) {
        return i == tokens.length || (i > 0 && segmentOf[i] != segmentOf[i - 1]);
    }

    /** The tokens from..to-1 joined with single spaces, as keys of keywords and fillers are. */
    String span(int from, int to) {
        return joined.substring(offsets[from], offsets[to] - 1);
    }

    /** The segments as index ranges [start, end). */
    List<int[]> segments() {
        List<int[]> ranges = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= tokens.length; i++) {
            if (i == tokens.length || segmentOf[i] != segmentOf[i - 1]) {
                ranges.add(new int[] { start, i });
                start = i;
            }
        }
        return ranges;
    }

    boolean segmentIsQuestion(int[] range) {
        return questionSegment[segmentOf[range[0]]];
    }
}
