package org.compliantsms.compliance.footer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;

import org.compliantsms.compliance.rules.TestConfig;
import org.compliantsms.events.BodyChanges;
import org.compliantsms.events.Category;
import org.compliantsms.events.Encoding;
import org.compliantsms.events.MessageRequested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BodyComposerTest {
    static final BodyComposer COMPOSER = new BodyComposer(TestConfig.mapping(FooterConfig.class,
            Map.of("compliance.footer.programs.tidy.replace-smart-punctuation", "true",
                    "compliance.footer.programs.tidy.texts.fr", "Désinscription : STOP au 36180")));
    static final OptOutMarkers MARKERS = OptOutMarkers.load();

    static MessageRequested request(String program, Category category, String recipient, String body, String locale) {
        return new MessageRequested("m-1", program, null, category, recipient, body, "36180", locale, null, null,
                Instant.now());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "en|Winter sale! Reply STOP to opt out",
            "en|Text STOP to end",
            "en|Sale today. To opt out reply END",
            "en|Unsubscribe: acme.com/u",
            "fr|Soldes ! STOP au 36180",
            "fr|Soldes ! ARRÊT au 36180",
            "fr|Soldes ! Pour vous désinscrire : acme.fr/d",
            "es|Rebajas. Responde BAJA para darte de baja",
            "es|Rebajas. Envía BAJA al 22555",
            "de|Angebot! Abmelden: STOPP an 80888",
            "pt|Promoção. Responda PARAR para sair",
            "it|Saldi! Per disiscriverti visita acme.it",
            "nl|Uitverkoop! Afmelden? Stuur STOP naar 3010",
    })
    void aWayToStopIsFoundInTheRecipientsLanguage(String language, String body) {
        assertTrue(MARKERS.hasWayToStop(body, language), body);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "en|Don't stop shopping: 20% off",
            "en|Nonstop deals all week",
            "en|Our STOPWATCH sale",
            "fr|Arrêtez de chercher, les soldes sont là",
            "es|La baja de precios llegó",
            "de|Jetzt zugreifen",
    })
    void chatterIsNoWayToStop(String language, String body) {
        assertFalse(MARKERS.hasWayToStop(body, language), body);
    }

    @Test
    void aMarketingBodyWithoutAWayToStopGetsTheFooterOfItsLanguageAndItsCost() {
        String body = "Winter sale: 20% off until Sunday.";
        BodyComposer.Composed fr = COMPOSER.compose(request("promo", Category.MARKETING, "+33612345678", body, null), "FR");
        assertEquals(body + "\nSTOP au 36180", fr.body());
        assertEquals(new BodyChanges("\nSTOP au 36180", 0, Encoding.GSM7, 1), fr.changes());
        assertEquals(1, fr.encoding().segments());
        BodyComposer.Composed es = COMPOSER.compose(request("promo", Category.MARKETING, "+34612345678", body,
                "es-ES"), "ES");
        assertTrue(es.body().endsWith("\nResponde BAJA para darte de baja"), es.body());
        BodyComposer.Composed unknown = COMPOSER.compose(request("promo", Category.MARKETING, "+81901234567", body,
                "ja"), "JP");
        assertTrue(unknown.body().endsWith("\nReply STOP to opt out"), "English when there is no text: "
                + unknown.body());
    }

    @Test
    void theFooterIsCountedInTheSegments() {
        String body = "x".repeat(150); // 150 septets: 1 part; with "\nSTOP au 36180" 164: 2 parts of 153
        BodyComposer.Composed composed = COMPOSER.compose(request("promo", Category.MARKETING, "+33612345678", body,
                null), "FR");
        assertEquals(1, composed.changes().segmentsBefore());
        assertEquals(2, composed.encoding().segments());
        String ucs2 = "Ω€ 😀 ".repeat(10) + "x".repeat(5); // UCS-2 body
        BodyComposer.Composed wide = COMPOSER.compose(request("promo", Category.MARKETING, "+33612345678", ucs2,
                null), "FR");
        assertEquals(Encoding.UCS2, wide.encoding().encoding());
        assertEquals(wide.body().length() <= 70 ? 1 : (wide.body().length() + 66) / 67, wide.encoding().segments());
    }

    @Test
    void theFooterIsAddedOnceAndNeverToTransactionalOrToABodyThatHasOne() {
        MessageRequested first = request("promo", Category.MARKETING, "+33612345678", "Sale", null);
        String once = COMPOSER.compose(first, "FR").body();
        // a request whose body already carries the footer (a resend of an approved text) gets no second one
        BodyComposer.Composed again = COMPOSER.compose(request("promo", Category.MARKETING, "+33612345678", once,
                null), "FR");
        assertEquals(once, again.body());
        assertNull(again.changes());
        assertFalse(again.footerAdded());
        BodyComposer.Composed code = COMPOSER.compose(request("promo", Category.TRANSACTIONAL, "+33612345678",
                "Your code is 1234", null), "FR");
        assertEquals("Your code is 1234", code.body());
        assertNull(code.changes());
    }

    @Test
    void smartPunctuationIsReplacedOnlyWhereTheProgramAsksAndItMakesTheBodyGsm7() {
        String smart = "Today’s deals — “20% off”… ";
        BodyComposer.Composed tidy = COMPOSER.compose(request("tidy", Category.MARKETING, "+33612345678", smart,
                null), "FR");
        assertEquals("Today's deals - \"20% off\"... \nDésinscription : STOP au 36180", tidy.body());
        assertEquals(Encoding.GSM7, tidy.encoding().encoding());
        assertEquals(new BodyChanges("\nDésinscription : STOP au 36180", 5, Encoding.UCS2, 1), tidy.changes());
        BodyComposer.Composed untouched = COMPOSER.compose(request("promo", Category.MARKETING, "+33612345678",
                smart, null), "FR");
        assertTrue(untouched.body().startsWith(smart));
        assertEquals(Encoding.UCS2, untouched.encoding().encoding());
        // an emoji keeps the body UCS-2 anyway: nothing replaced
        BodyComposer.Composed emoji = COMPOSER.compose(request("tidy", Category.MARKETING, "+33612345678",
                "Today’s deals 😀", null), "FR");
        assertEquals(0, emoji.changes().charactersReplaced());
        assertTrue(emoji.body().startsWith("Today’s deals 😀"));
    }
}
