package org.compliantsms.inbound.keywords;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.runtime.Startup;

import org.compliantsms.events.Classification;
import org.compliantsms.events.Classification.Basis;
import org.compliantsms.events.Intent;

/**
 * What a reply asks for, in the languages of the packs under {@code keywords/} plus a program's own keywords
 * ({@link KeywordsConfig}). In order:
 * <ol>
 * <li>the reply is keywords and filler only: "STOP", "Stop please", "STOP STOP", "arrêt svp", "Sotp" (KEYWORD; a
 * bare question such as "stop?" is AMBIGUOUS);</li>
 * <li>one of its sentences is: "Not interested. Stop." (KEYWORD), unless the reply laughs ("Stop, you're killing
 * me lol": AMBIGUOUS);</li>
 * <li>a plain-language request: "please stop texting me", "ne m'envoyez plus de messages" (PHRASE), unless a
 * negation or doubt bears on it ("don't stop sending", "why did you stop texting": AMBIGUOUS);</li>
 * <li>a keyword inside a sentence that is not a request ("what does STOP do"): AMBIGUOUS, intent OTHER, unless it
 * is an ordinary use of the word ("bus stop", "stop by", "start time"): chatter.</li>
 * </ol>
 * Missing a real opt-out is the worse error, so the first two steps take any sentence that is only an opt-out; the
 * last keeps every other mention of a keyword out of consent changes while recording it for review.
 */
@ApplicationScoped
@Startup // reads the packs at startup: a malformed one stops the service there, not at the first reply
public class KeywordClassifier {
    private static final Classification CHATTER = new Classification(Intent.OTHER, null, null, null);

    /** A program's view of the vocabulary: the standard one plus its keywords, and its language. */
    private record Program(Vocabulary vocabulary, String language) {
    }

    private static final class Standard {
        static final List<KeywordPack> PACKS = KeywordPacks.standard();
        static final Program PROGRAM = new Program(Vocabulary.of(PACKS), null);
        static final PhraseBook PHRASES = new PhraseBook(PACKS);
    }

    private final Program standard;
    private final PhraseBook phrases;
    private final Map<String, Program> programs;

    /** The standard packs and no program keywords (plain unit tests, tools). */
    public KeywordClassifier() {
        this.standard = Standard.PROGRAM;
        this.phrases = Standard.PHRASES;
        this.programs = Map.of();
    }

    @Inject
    public KeywordClassifier(KeywordsConfig config) {
        this(Standard.PACKS, config.programs());
    }

    /** These packs (in order of precedence) and these programs' keywords. */
    KeywordClassifier(List<KeywordPack> packs, Map<String, KeywordsConfig.ProgramKeywords> programKeywords) {
        this.standard = packs == Standard.PACKS ? Standard.PROGRAM : new Program(Vocabulary.of(packs), null);
        this.phrases = packs == Standard.PACKS ? Standard.PHRASES : new PhraseBook(packs);
        Map<String, Program> byId = new HashMap<>();
        programKeywords.forEach((id, keywords) -> byId.put(id, program(keywords)));
        this.programs = Map.copyOf(byId);
    }

    private Program program(KeywordsConfig.ProgramKeywords keywords) {
        Map<Intent, List<String>> words = new EnumMap<>(Intent.class);
        keywords.optOut().ifPresent(w -> words.put(Intent.OPT_OUT, w));
        keywords.optOutAll().ifPresent(w -> words.put(Intent.OPT_OUT_ALL, w));
        keywords.optIn().ifPresent(w -> words.put(Intent.OPT_IN, w));
        keywords.help().ifPresent(w -> words.put(Intent.HELP, w));
        String language = keywords.language().map(String::strip).filter(l -> !l.isEmpty()).orElse(null);
        return new Program(standard.vocabulary().with(words, language), language);
    }

    /**
     * Whether an opt-in keyword is merely a yes (YES, OUI, SÍ, JA, SIM, ДА, 是…), which re-subscribes only someone
     * who is opted out; START and UNSTOP are opt-ins whatever the state.
     */
    public static boolean isAffirmation(String keyword) {
        return Standard.PROGRAM.vocabulary().isAffirmation(keyword);
    }

    /** A reply whose program is unknown: the standard packs only. */
    public Classification classify(String text) {
        return classify(text, null);
    }

    /** A reply to a program (null when unknown): the standard packs plus that program's keywords. */
    public Classification classify(String text, String programId) {
        ReplyText reply = ReplyText.of(text);
        if (reply.isEmpty()) {
            return CHATTER;
        }
        Program program = programId == null ? standard : programs.getOrDefault(programId, standard);
        Vocabulary vocabulary = program.vocabulary();
        String language = program.language();

        KeywordRun whole = vocabulary.runOf(reply, 0, reply.size());
        if (whole != null) {
            return ofWholeReply(whole, reply.asksAnything(), language);
        }

        Classification sentence = null;
        Classification doubtfulSentence = null;
        List<int[]> segments = reply.segments();
        for (int[] segment : segments.size() > 1 ? segments : List.<int[]> of()) {
            KeywordRun run = vocabulary.runOf(reply, segment[0], segment[1]);
            if (run == null) {
                continue;
            }
            Intent intent = run.intent();
            boolean question = reply.segmentIsQuestion(segment);
            if (intent != null && run.strong() && (!question || intent == Intent.HELP)
                    && !(optsOut(intent) && vocabulary.laughs(reply))) {
                sentence = stronger(sentence, keyword(intent, run, language));
            } else if (doubtfulSentence == null && (intent != Intent.OPT_IN || run.strong())) {
                // "Cancel, I can't make it" or "Stop, you're killing me lol": worth a review; "Yes, see you" not.
                doubtfulSentence = ambiguous(run.lead(), run.language(language));
            }
        }
        if (sentence != null && optsOut(sentence.intent())) {
            return sentence;
        }

        ReplyText readable = vocabulary.corrected(reply);
        List<PhraseBook.Match> found = phrases.find(readable);
        PhraseBook.Match request = bestRequest(found, language, readable, vocabulary);
        if (request != null && optsOut(request.phrase().intent())) {
            return phrase(request);
        }
        if (sentence != null) {
            return sentence;
        }
        if (request != null) {
            return phrase(request);
        }
        Optional<PhraseBook.Match> turnedAround = found.stream().filter(PhraseBook.Match::vetoed).findFirst();
        if (turnedAround.isPresent()) {
            KeywordPack pack = turnedAround.get().phrase().pack();
            return new Classification(Intent.OTHER, pack.mainKeyword(turnedAround.get().phrase().intent()),
                    pack.language(), Basis.AMBIGUOUS);
        }
        if (doubtfulSentence != null) {
            return doubtfulSentence;
        }
        return mention(readable, vocabulary, language);
    }

    private static Classification ofWholeReply(KeywordRun run, boolean question, String preferred) {
        Intent intent = run.intent();
        String language = run.language(preferred);
        if (intent == null || question && intent != Intent.HELP && !run.polite()) {
            // "stop?", "STOP START": asks about the keyword rather than giving it.
            return ambiguous(run.lead(), language);
        }
        return keyword(intent, run, preferred);
    }

    private static Classification keyword(Intent intent, KeywordRun run, String preferred) {
        return new Classification(intent, run.lead().keyword(), run.language(preferred), Basis.KEYWORD);
    }

    private static Classification ambiguous(Vocabulary.Sense sense, String language) {
        return new Classification(Intent.OTHER, sense.keyword(), language, Basis.AMBIGUOUS);
    }

    private static Classification phrase(PhraseBook.Match match) {
        KeywordPack pack = match.phrase().pack();
        Intent intent = match.phrase().intent();
        return new Classification(intent, pack.mainKeyword(intent), pack.language(), Basis.PHRASE);
    }

    /** A keyword inside a sentence that is no request: recorded for review, unless it is the word's ordinary use. */
    private Classification mention(ReplyText reply, Vocabulary vocabulary, String preferred) {
        boolean[] chatter = null;
        for (int i = 0; i < reply.size(); i++) {
            Vocabulary.Found found = vocabulary.keywordAt(reply, i, reply.size());
            if (found == null) {
                continue;
            }
            if (!found.sense().standaloneOnly()) {
                chatter = chatter == null ? phrases.chatter(reply) : chatter;
                if (!covered(chatter, i, i + found.length())) {
                    List<String> languages = found.sense().languages();
                    String language = preferred != null && languages.contains(preferred) || languages.isEmpty()
                            ? preferred
                            : languages.get(0);
                    return ambiguous(found.sense(), language);
                }
            }
            i += found.length() - 1;
        }
        return CHATTER;
    }

    private static boolean covered(boolean[] chatter, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!chatter[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The request among the phrases: the widest opt-out first; between languages, the program's, then the one whose
     * filler the reply uses ("send ikke flere beskeder" is Danish), then the first pack.
     */
    private static PhraseBook.Match bestRequest(List<PhraseBook.Match> found, String preferred, ReplyText reply,
            Vocabulary vocabulary) {
        PhraseBook.Match best = null;
        Map<String, Integer> votes = null;
        for (PhraseBook.Match match : found) {
            if (match.vetoed()) {
                continue;
            }
            if (best == null || rank(match.phrase().intent()) < rank(best.phrase().intent())) {
                best = match;
                continue;
            }
            String language = match.phrase().pack().language();
            String bestLanguage = best.phrase().pack().language();
            if (rank(match.phrase().intent()) > rank(best.phrase().intent()) || language.equals(bestLanguage)
                    || bestLanguage.equals(preferred)) {
                continue;
            }
            if (language.equals(preferred)) {
                best = match;
                continue;
            }
            votes = votes == null ? vocabulary.fillerLanguages(reply) : votes;
            if (votes.getOrDefault(language, 0) > votes.getOrDefault(bestLanguage, 0)) {
                best = match;
            }
        }
        return best;
    }

    private static Classification stronger(Classification current, Classification candidate) {
        return current == null || rank(candidate.intent()) < rank(current.intent()) ? candidate : current;
    }

    private static int rank(Intent intent) {
        return switch (intent) {
            case OPT_OUT_ALL -> 0;
            case OPT_OUT -> 1;
            case HELP -> 2;
            case OPT_IN -> 3;
            case OTHER -> 4;
        };
    }

    private static boolean optsOut(Intent intent) {
        return intent == Intent.OPT_OUT || intent == Intent.OPT_OUT_ALL;
    }
}
