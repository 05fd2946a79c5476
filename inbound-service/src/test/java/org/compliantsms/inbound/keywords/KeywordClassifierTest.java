package org.compliantsms.inbound.keywords;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.compliantsms.events.Classification;
import org.compliantsms.events.Intent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KeywordClassifierTest {
    final KeywordClassifier classifier = new KeywordClassifier();

    @ParameterizedTest
    @ValueSource(strings = { "STOP", "stop", "Stop.", "  STOP  ", "STOP!!!", "Stop 🙏", "ＳＴＯＰ", "«stop»",
            "STOP\nSent from my iPhone", "Stop\n-- \nJean" })
    void stopInAnyDressIsAnOptOut(String text) {
        assertEquals(new Classification(Intent.OPT_OUT, "STOP", "en"), classifier.classify(text));
    }

    @ParameterizedTest
    @CsvSource({
            "Arrêt, ARRET, fr, OPT_OUT",
            "ARRET, ARRET, fr, OPT_OUT",
            "désabonner, DESABONNER, fr, OPT_OUT",
            "Baja, BAJA, es, OPT_OUT",
            "STOPP, STOPP, de, OPT_OUT",
            "退订, 退订, zh, OPT_OUT",
            "td, TD, zh, OPT_OUT",
            "opt-out, OPT OUT, en, OPT_OUT",
            "Stop all, STOP ALL, en, OPT_OUT_ALL",
            "STOPALL, STOPALL, en, OPT_OUT_ALL",
            "start, START, en, OPT_IN",
            "Unstop, UNSTOP, en, OPT_IN",
            "Yes, YES, en, OPT_IN",
            "help, HELP, en, HELP",
            "Aide, AIDE, fr, HELP",
            "HILFE, HILFE, de, HELP" })
    void keywordsCarryTheirIntentAndLanguage(String text, String keyword, String language, Intent intent) {
        assertEquals(new Classification(intent, keyword, language), classifier.classify(text));
    }

    @ParameterizedTest
    @ValueSource(strings = { "stopwatch", "unstoppable", "nonstop", "Don't stop me now", "See you at the bus stop",
            "", "Thanks!" })
    void chatterIsNotAKeyword(String text) {
        assertEquals(Intent.OTHER, classifier.classify(text).intent());
    }
}
