package org.compliantsms.inbound.confirmation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.compliantsms.events.ConsentAction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReplyTextsTest {
    final ReplyTexts defaults = new ReplyTexts(TestReplies.defaults());

    @ParameterizedTest
    @ValueSource(strings = { "en", "fr", "es", "pt", "de", "it", "nl", "sv", "no", "da", "pl", "zh" })
    void everyLanguageHasItsOwnConfirmationsAndHelp(String language) {
        assertTrue(ReplyTexts.supports(language));
        for (ConsentAction action : ConsentAction.values()) {
            String text = defaults.confirmation("acme-promo", language, action);
            assertFalse(text.isBlank());
            if (!language.equals("en")) {
                assertNotEquals(defaults.confirmation("acme-promo", "en", action), text, language + " " + action);
            }
        }
        String help = defaults.help("acme-promo", language);
        assertTrue(help.contains("Compliant SMS") && help.contains("support@example.com"), help);
        assertFalse(help.contains("{"), help);
    }

    @Test
    void anUnknownLanguageIsAnsweredInEnglish() {
        assertEquals(defaults.confirmation("p", "en", ConsentAction.OPT_OUT),
                defaults.confirmation("p", "xx", ConsentAction.OPT_OUT));
        assertEquals(defaults.help("p", "en"), defaults.help("p", null));
    }

    @Test
    void theHelpAnswerSaysWhatCtiaAsks() {
        String help = defaults.help("acme-promo", "en");
        assertTrue(help.contains("Msg & data rates may apply"), help);
        assertTrue(help.contains("STOP"), help);
    }

    @Test
    void aProgramsOwnTextsWinPerLanguageWithEnglishAsItsFallback() {
        ReplyTexts texts = new ReplyTexts(TestReplies.config(Map.of("acme-promo", TestReplies.program("ACME",
                Map.of("en", "{brand}: 4 msgs/month. Msg & data rates may apply. Reply STOP to cancel. {contact}",
                        "fr", "{brand} : 4 messages par mois. STOP pour arrêter. {contact}")))));

        assertEquals("ACME : 4 messages par mois. STOP pour arrêter. 0800 123 456", texts.help("acme-promo", "fr"));
        assertTrue(texts.help("acme-promo", "de").startsWith("ACME: 4 msgs/month"), texts.help("acme-promo", "de"));
        assertTrue(texts.help("other", "fr").startsWith("Compliant SMS"), "other programs keep the defaults");
    }
}
