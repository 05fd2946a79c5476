package org.compliantsms.inbound.keywords;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

import org.compliantsms.events.Classification;
import org.compliantsms.events.Classification.Basis;
import org.compliantsms.events.Intent;
import org.junit.jupiter.api.Test;
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
            "HILFE, HILFE, de, HELP",
            // the other packs
            "PARAR, PARAR, es, OPT_OUT",
            "Sair, SAIR, pt, OPT_OUT",
            "abmelden, ABMELDEN, de, OPT_OUT",
            "CANCELLA, CANCELLA, it, OPT_OUT",
            "afmelden, AFMELDEN, nl, OPT_OUT",
            "Avsluta, AVSLUTA, sv, OPT_OUT",
            "avmeld, AVMELD, no, OPT_OUT",
            "Afmeld, AFMELD, da, OPT_OUT",
            "REZYGNUJ, REZYGNUJ, pl, OPT_OUT",
            "停止, 停止, zh, OPT_OUT",
            "配信停止, 配信停止, ja, OPT_OUT",
            "Стоп, СТОП, ru, OPT_OUT",
            "İptal, IPTAL, tr, OPT_OUT",
            "ARRET TOUT, ARRET TOUT, fr, OPT_OUT_ALL",
            "Oui, OUI, fr, OPT_IN",
            "AYUDA, AYUDA, es, HELP",
            "Ajuda, AJUDA, pt, HELP",
            "aiuto, AIUTO, it, HELP",
            "Hjälp, HJALP, sv, HELP",
            "HJELP, HJELP, no, HELP",
            "pomoc, POMOC, pl, HELP",
            "帮助, 帮助, zh, HELP" })
    void keywordsCarryTheirIntentAndLanguage(String text, String keyword, String language, Intent intent) {
        assertEquals(new Classification(intent, keyword, language), classifier.classify(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "STOP STOP STOP | STOP | en",
            "stop please | STOP | en",
            "Please STOP | STOP | en",
            "STOP. Thanks | STOP | en",
            "Stop, thank you | STOP | en",
            "stop sms | STOP | en",
            "STOP SMS | STOP | en",
            "stop messages | STOP | en",
            "Stop 😡😡 | STOP | en",
            "STOP au 36180 | STOP | fr",
            "Stop merci | STOP | fr",
            "arrêt svp | ARRET | fr",
            "Stopp bitte | STOPP | de",
            "Stopp tack | STOPP | sv",
            "Stopp takk | STOPP | no",
            "basta grazie | BASTA | it",
            "退订谢谢 | 退订 | zh",
            "Not interested. Stop. | STOP | en",
            "STOP\\n> ACME: 30% off today. Reply STOP to opt out | STOP | en",
            "Stop\\n\\nOn Mon, Jan 12, 2026 at 9:14 AM ACME <offers@acme.example> wrote:\\n> Reply START | STOP | en",
            "Sotp | STOP | en",
            "STOOOOP | STOP | en",
            "unsubcribe | UNSUBSCRIBE | en",
            "S T O P | STOP | en" })
    void aKeywordWithFillerRepeatsTyposOrQuotesAroundItIsStillTheKeyword(String text, String keyword,
            String language) {
        assertEquals(new Classification(Intent.OPT_OUT, keyword, language, Basis.KEYWORD),
                classifier.classify(text.replace("\\n", "\n")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "stop texting me | OPT_OUT | STOP | en",
            "please stop sending me messages | OPT_OUT | STOP | en",
            "remove me from your list | OPT_OUT | STOP | en",
            "don't message me again | OPT_OUT | STOP | en",
            "I want to opt out | OPT_OUT | STOP | en",
            "unsubscribe me | OPT_OUT | STOP | en",
            "take me off this list | OPT_OUT | STOP | en",
            "no more texts | OPT_OUT | STOP | en",
            "Can you please stop texting me? | OPT_OUT | STOP | en",
            "ne m'envoyez plus de messages | OPT_OUT | ARRET | fr",
            "je veux me désinscrire | OPT_OUT | ARRET | fr",
            "no me envíen más mensajes | OPT_OUT | BAJA | es",
            "não quero mais receber | OPT_OUT | PARAR | pt",
            "bitte keine SMS mehr | OPT_OUT | STOPP | de",
            "non voglio più ricevere messaggi | OPT_OUT | CANCELLA | it",
            "ik wil me afmelden | OPT_OUT | AFMELDEN | nl",
            "sluta skicka | OPT_OUT | STOPP | sv",
            "ikke send meg flere meldinger | OPT_OUT | STOPP | no",
            "send ikke flere beskeder | OPT_OUT | AFMELD | da",
            "nie wysyłajcie mi więcej | OPT_OUT | REZYGNUJ | pl",
            "不要再发了 | OPT_OUT | 退订 | zh",
            "もう送らないでください | OPT_OUT | 配信停止 | ja",
            "Не пишите мне больше | OPT_OUT | СТОП | ru",
            "Beni listeden çıkarın | OPT_OUT | IPTAL | tr",
            "Unsubscribe me from everything | OPT_OUT_ALL | STOP ALL | en",
            "I need help | HELP | HELP | en",
            "Please start sending me messages again | OPT_IN | START | en" })
    void plainLanguageRequestsArePhrases(String text, Intent intent, String keyword, String language) {
        assertEquals(new Classification(intent, keyword, language, Basis.PHRASE), classifier.classify(text));
    }

    @ParameterizedTest
    @ValueSource(strings = { "stopwatch", "nonstop", "unstoppable", "the bus stop is closed", "can't stop smiling",
            "Don't stop me now", "See you at the bus stop", "I'll stop by tomorrow", "is the start time 9?", "Thanks!",
            "", "L'arrêt de bus est fermé", "Yes I'll be there at 5", "I need to cancel my appointment",
            "When does the sale end?", "Thanks for the info", "你们几点停止营业？" })
    void chatterIsNotAKeyword(String text) {
        assertEquals(new Classification(Intent.OTHER, null, null, null), classifier.classify(text));
    }

    @ParameterizedTest
    @ValueSource(strings = { "stop?", "why did you stop?", "should I reply stop", "what does STOP do",
            "What happens if I reply STOP?", "Don't unsubscribe me, I still want the coupons",
            "Please don't stop sending these deals", "Why did you stop texting me?", "STOP START", "¿Baja?",
            "Stopp?", "Cancel, I can't make it tomorrow" })
    void aKeywordInAQuestionOrNegationIsRecordedForReviewAndChangesNothing(String text) {
        Classification classification = classifier.classify(text);
        assertEquals(Intent.OTHER, classification.intent(), text);
        assertEquals(Basis.AMBIGUOUS, classification.basis(), text);
        assertTrue(classification.ambiguous());
    }

    @Test
    void aPoliteQuestionIsStillARequestAndHelpMayBeAsked() {
        assertEquals(Intent.OPT_OUT, classifier.classify("Stop please?").intent());
        assertEquals(new Classification(Intent.HELP, "HELP", "en"), classifier.classify("HELP?"));
        assertEquals(new Classification(Intent.HELP, "INFO", "en"), classifier.classify("info?"));
    }

    @Test
    void commonWordsAreKeywordsOnlyAlone() {
        assertEquals(new Classification(Intent.OPT_OUT, "END", "en"), classifier.classify("End."));
        assertEquals(Intent.OTHER, classifier.classify("The end of season sale is amazing").intent());
        assertEquals(new Classification(Intent.OPT_OUT, "CANCEL", "en"), classifier.classify("Cancel"));
        assertEquals(Intent.OTHER, classifier.classify("Can I cancel my order?").intent());
    }

    @Test
    void thanksInDanishIsNotAYes() {
        assertEquals(Intent.OTHER, classifier.classify("Tak!").intent());
        assertEquals(new Classification(Intent.OPT_IN, "JA", "da"), classifier.classify("Ja tak"));
    }

    @Test
    void wordsForYesAreToldApartFromStart() {
        for (String yes : List.of("YES", "OUI", "SI", "JA", "SIM", "ДА", "EVET", "是", "はい")) {
            assertTrue(KeywordClassifier.isAffirmation(yes), yes);
        }
        for (String start : List.of("START", "UNSTOP", "ALTA", "STOP", "HELP")) {
            assertFalse(KeywordClassifier.isAffirmation(start), start);
        }
        assertFalse(KeywordClassifier.isAffirmation(null));
    }

    @Test
    void withoutAProgramTheStandardPacksApply() {
        assertEquals(classifier.classify("Stop please"), classifier.classify("Stop please", null));
        assertEquals(classifier.classify("Stop please"), classifier.classify("Stop please", "unknown-program"));
    }

    static KeywordsConfig.ProgramKeywords program(List<String> optOut, List<String> optIn, String language) {
        return new KeywordsConfig.ProgramKeywords() {
            @Override
            public Optional<List<String>> optOut() {
                return Optional.ofNullable(optOut);
            }

            @Override
            public Optional<List<String>> optOutAll() {
                return Optional.empty();
            }

            @Override
            public Optional<List<String>> optIn() {
                return Optional.ofNullable(optIn);
            }

            @Override
            public Optional<List<String>> help() {
                return Optional.empty();
            }

            @Override
            public Optional<String> language() {
                return Optional.ofNullable(language);
            }
        };
    }

    @Test
    void aProgramAddsItsOwnKeywordsForRepliesToIt() {
        KeywordClassifier withProgram = new KeywordClassifier(KeywordPacks.standard(),
                Map.of("acme-promo", program(List.of("DESUSCRIBIR", "SALIDA"), List.of("VUELVO"), "es")));

        assertEquals(new Classification(Intent.OPT_OUT, "SALIDA", "es"), withProgram.classify("salida", "acme-promo"));
        assertEquals(new Classification(Intent.OPT_OUT, "SALIDA", "es"),
                withProgram.classify("Salida por favor!!", "acme-promo"));
        assertEquals(new Classification(Intent.OPT_IN, "VUELVO", "es"), withProgram.classify("vuelvo", "acme-promo"));
        assertEquals(Intent.OTHER, withProgram.classify("salida", "other-program").intent());
        assertEquals(Intent.OTHER, withProgram.classify("salida").intent());
        // The program's language decides between the languages that share a standard keyword.
        assertEquals(new Classification(Intent.OPT_OUT, "STOP", "es"), withProgram.classify("STOP", "acme-promo"));
        assertEquals(new Classification(Intent.OPT_OUT, "STOP", "en"), withProgram.classify("STOP"));
        // Inside a sentence a program keyword is worth a review, like STOP.
        assertEquals(Basis.AMBIGUOUS, withProgram.classify("la salida está cerrada", "acme-promo").basis());
    }

    @Test
    void theProgramKeywordsAreReadFromConfiguration() {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(KeywordsConfig.class)
                .withSources(new PropertiesConfigSource(Map.of(
                        "inbound.keywords.programs.acme-promo.opt-out", "DESUSCRIBIR,FIN",
                        "inbound.keywords.programs.acme-promo.help", "SOCORRO",
                        "inbound.keywords.programs.acme-promo.language", "es"), "test", 100))
                .build();
        KeywordsConfig keywords = config.getConfigMapping(KeywordsConfig.class);
        assertEquals(Optional.of(List.of("DESUSCRIBIR", "FIN")), keywords.programs().get("acme-promo").optOut());
        assertEquals(Optional.empty(), keywords.programs().get("acme-promo").optIn());

        KeywordClassifier configured = new KeywordClassifier(keywords);
        assertEquals(new Classification(Intent.OPT_OUT, "FIN", "es"), configured.classify("Fin", "acme-promo"));
        assertEquals(new Classification(Intent.HELP, "SOCORRO", "es"), configured.classify("socorro!", "acme-promo"));
        assertEquals(new Classification(Intent.OPT_OUT, "FIN", "fr"), configured.classify("Fin"));
    }

    @Test
    void noConfigurationMeansNoPrograms() {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(KeywordsConfig.class).build();
        assertTrue(config.getConfigMapping(KeywordsConfig.class).programs().isEmpty());
    }

    @Test
    void aMalformedPackIsRejectedWithItsLine() {
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> KeywordPackParser.parse("xx.txt",
                        List.of("language: xx", "opt-out: HALT", "phrase opt-out: @NOPE")));
        assertTrue(error.getMessage().contains("xx.txt line 3"), error.getMessage());
        assertThrows(IllegalStateException.class, () -> KeywordPackParser.parse("xx.txt", List.of("opt-out: HALT")));
    }

    @Test
    void everyPackLoads() {
        List<String> languages = KeywordPacks.standard().stream().map(KeywordPack::language).toList();
        assertEquals(List.of("en", "fr", "es", "pt", "de", "it", "nl", "sv", "no", "da", "pl", "zh", "ja", "ru", "tr"),
                languages);
        for (KeywordPack pack : KeywordPacks.standard()) {
            assertFalse(pack.mainKeyword(Intent.OPT_OUT).isEmpty(), pack.language());
        }
    }
}
