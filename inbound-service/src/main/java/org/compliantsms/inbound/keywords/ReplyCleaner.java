package org.compliantsms.inbound.keywords;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts what the sender did not write as their answer: our message quoted back (lines starting with "&gt;", the
 * text after "On … wrote:", a long span in quotation marks such as an iMessage reaction to our text), and
 * signatures (a line opening with "-- ", "Sent from my iPhone" in the common mail and phone languages).
 */
final class ReplyCleaner {
    private static final Pattern QUOTED_LINE = Pattern.compile("(?m)^[ \\t]*>[^\\n]*");
    /**
     * "On Mon, Jan 5 … wrote:" and its translations, at a line start, on one line or two; bounded, and a greedy run
     * up to the line break can only end there, so it never backtracks far.
     */
    private static final Pattern QUOTE_HEADER = Pattern.compile(
            "(?im)^[ \\t]*(?:on|le|el|em|am|il|op|den|d\\.|w dniu|p[åa])\\b"
                    + "(?:[^\\n]{0,200}?|[^\\n]{0,200}\\n[^\\n]{0,200}?)"
                    + "(?:wrote|a [ée]crit|escribi[óo]|escreveu|schrieb|ha scritto|schreef|skrev|napisa[łl])");
    /** A quoted span long enough to be our message rather than a word in quotes («stop»). */
    private static final Pattern QUOTES = Pattern.compile("[\"“”„«]");
    private static final Pattern LONG_QUOTE = Pattern.compile("[\"“”„«][^\"“”„«»\\n]{15,}[\"“”»]");
    /**
     * Signature openings, each found by a plain search for its first word and then checked where it occurs: one
     * pattern with every alternative tried at every position costs twenty times more.
     */
    private record Signature(String word, Pattern opening, boolean lineStart) {
        Signature(String word, String opening) {
            this(word, opening, false);
        }

        Signature(String word, String opening, boolean lineStart) {
            this(word, Pattern.compile(opening, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE), lineStart);
        }
    }

    private static final List<Signature> SIGNATURES = List.of(
            // Only opening a line: inside one, "--" is a dash ("Please -- stop texting me"), read as a clause break.
            new Signature("--", "--(?=[ \\t\\n]|$)", true),
            new Signature("__", "__(?=[ \\t\\n]|$)", true),
            new Signature("sent ", "sent (?:from|via|with) (?:my|yahoo|outlook|gmail|aol|samsung)"),
            new Signature("get outlook", "get outlook for"),
            new Signature("envoy", "envoy[ée] (?:de|depuis|avec) (?:mon|ma)"),
            new Signature("enviado", "enviado (?:desde mi|con mi|do meu|de meu|pelo meu)"),
            new Signature("von meinem", "von meinem [^\\n]{1,40}gesendet"),
            new Signature("gesendet von", "gesendet von meinem"),
            new Signature("inviato da", "inviato da"),
            new Signature("verzonden", "verzonden (?:met|vanaf|van) mijn"),
            new Signature("verstuurd", "verstuurd (?:met|vanaf|van) mijn"),
            new Signature("skickat", "skickat fr[åa]n min"),
            new Signature("sendt fra", "sendt fra min"),
            new Signature("wys", "wys[łl]ane z"),
            new Signature("отправлено с", "отправлено с"),
            new Signature("iphone", "iphone(?:['’]?(?:umdan|dan) g[öo]nderildi|から送信)"),
            new Signature("发自我的", "发自我的"),
            new Signature("从我的", "从我的"));

    private ReplyCleaner() {
    }

    /** Words one of which a header or signature contains: most replies have none, and skip the patterns. */
    private static final List<String> HEADER_WORDS = List.of("wrote", "crit", "escribi", "escreveu", "schrieb",
            "scritto", "schreef", "skrev", "napisa");

    static String clean(String text) {
        String lower = lowerCase(text);
        String cleaned = text;
        if (text.indexOf('>') >= 0) {
            cleaned = QUOTED_LINE.matcher(cleaned).replaceAll("");
        }
        if (containsAny(lower, HEADER_WORDS)) {
            cleaned = cutFrom(cleaned, QUOTE_HEADER.matcher(cleaned));
        }
        if (QUOTES.matcher(cleaned).find()) {
            cleaned = LONG_QUOTE.matcher(cleaned).replaceAll(" ");
        }
        return cutAtSignature(cleaned);
    }

    /** Cuts at the first signature that has something of the reply before it. */
    private static String cutAtSignature(String text) {
        String lower = lowerCase(text);
        int cut = text.length();
        for (Signature signature : SIGNATURES) {
            Matcher matcher = null;
            for (int at = lower.indexOf(signature.word()); at >= 0 && at < cut;
                    at = lower.indexOf(signature.word(), at + 1)) {
                boolean starts = signature.lineStart() ? startsLine(text, at)
                        : at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1));
                if (!starts || text.substring(0, at).isBlank()) {
                    continue;
                }
                matcher = matcher == null ? signature.opening().matcher(text) : matcher;
                if (matcher.region(at, text.length()).lookingAt()) {
                    cut = at;
                    break;
                }
            }
        }
        return text.substring(0, cut);
    }

    private static boolean startsLine(String text, int at) {
        int lineStart = text.lastIndexOf('\n', at - 1) + 1;
        return text.substring(lineStart, at).isBlank();
    }

    /** Lower case char by char, so that indexes stay those of the text ("İ" would become two chars). */
    private static String lowerCase(String text) {
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            chars[i] = Character.toLowerCase(chars[i]);
        }
        return new String(chars);
    }

    private static boolean containsAny(String text, List<String> words) {
        for (String word : words) {
            if (text.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /** Cuts from the first match to the end, unless nothing would be left of the reply before it. */
    private static String cutFrom(String text, Matcher matcher) {
        while (matcher.find()) {
            if (!text.substring(0, matcher.start()).isBlank()) {
                return text.substring(0, matcher.start());
            }
        }
        return text;
    }
}
