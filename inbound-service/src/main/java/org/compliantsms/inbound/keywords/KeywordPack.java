package org.compliantsms.inbound.keywords;

import java.util.List;

import org.compliantsms.events.Intent;

/**
 * One language's keywords and phrases, as read from {@code keywords/<language>.txt} (see
 * {@link KeywordPackParser} for the format).
 *
 * @param language ISO 639-1 code
 * @param mainOptOut the keyword an opt-out phrase of this language is recorded as (its first opt-out keyword unless
 *            the pack names one)
 * @param keywords the words that are a command when a reply (or a sentence of it) is nothing else
 * @param polite politeness words ("please", "svp"): filler that also turns a "STOP please?" into a request
 * @param fillers words that may surround a keyword without changing it ("thanks", "sms", "now")
 * @param negations words that, just before a phrase, turn it around ("don't stop texting me")
 * @param doubts words that, just before a phrase, make it a question about it ("why did you stop texting")
 * @param clauses words that end the look-back for negations and doubts ("but", "please")
 * @param laughter words of laughter ("lol", "mdr", "HAHA*" for any HAHA...): "Stop, you're killing me lol" teases
 * @param phrases plain-language requests
 * @param chatter the ordinary senses of keywords ("bus stop", "stop by"): a keyword inside one is no command
 */
record KeywordPack(String language, String mainOptOut, List<Keyword> keywords, List<String> polite,
        List<String> fillers, List<String> negations, List<String> doubts, List<String> clauses,
        List<String> laughter, List<Phrase> phrases, List<TokenPattern> chatter) {

    /**
     * @param standaloneOnly a common word ("end", "cancel", "yes") that is a command only when the reply is that
     *            word with filler around it, and is nothing when a sentence contains it
     */
    record Keyword(Intent intent, String word, boolean standaloneOnly) {
    }

    record Phrase(Intent intent, TokenPattern pattern) {
    }

    /** The keyword a phrase of this intent is recorded as. */
    String mainKeyword(Intent intent) {
        if (intent == Intent.OPT_OUT && mainOptOut != null) {
            return mainOptOut;
        }
        return keywords.stream().filter(k -> k.intent() == intent).map(Keyword::word).findFirst()
                .orElseThrow(() -> new IllegalStateException(language + " has a " + intent + " phrase but no keyword"));
    }
}
