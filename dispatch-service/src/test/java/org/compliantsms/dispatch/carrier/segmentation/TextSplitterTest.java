package org.compliantsms.dispatch.carrier.segmentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.compliantsms.events.Encoding;
import org.compliantsms.events.text.GsmAlphabet;
import org.compliantsms.events.text.SmsEncoding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The parts a text is cut into, and that they agree with the segments compliance counts. */
class TextSplitterTest {

    @Test
    void gsm7FitsOneSmsUpTo160SeptetsAndTakes153PerPartBeyond() {
        assertEquals(List.of("a".repeat(160)), gsm7("a".repeat(160), Segmentation.UDH8));
        assertEquals(List.of("a".repeat(153), "a".repeat(8)), gsm7("a".repeat(161), Segmentation.UDH8));
        assertEquals(List.of("a".repeat(153), "a".repeat(153)), gsm7("a".repeat(306), Segmentation.UDH8));
        assertEquals(3, gsm7("a".repeat(307), Segmentation.UDH8).size());
        // An extension character costs two septets: 80 of them are 160 septets, one SMS; 81 are not.
        assertEquals(1, gsm7("€".repeat(80), Segmentation.UDH8).size());
        assertEquals(List.of("€".repeat(76), "€".repeat(5)), gsm7("€".repeat(81), Segmentation.UDH8));
    }

    @Test
    void anExtensionCharacterIsNeverCutAcrossParts() {
        // 152 septets, then '€' (ESC + code) would end on septet 154: it opens the second part whole.
        String text = "a".repeat(152) + "€" + "b".repeat(20);
        List<String> parts = gsm7(text, Segmentation.UDH8);
        assertEquals(List.of("a".repeat(152), "€" + "b".repeat(20)), parts);
        // 151 + '{' ends exactly on septet 153: it stays in the first part.
        parts = gsm7("a".repeat(151) + "{" + "b".repeat(20), Segmentation.UDH8);
        assertEquals(List.of("a".repeat(151) + "{", "b".repeat(20)), parts);
        for (String part : gsm7("x{}[]~|^€\\".repeat(60), Segmentation.UDH8)) {
            assertTrue(GsmAlphabet.encode(part).length <= 153, "a part over 153 septets");
        }
    }

    @Test
    void ucs2FitsOneSmsUpTo70UnitsAndTakes67PerPartBeyond() {
        assertEquals(List.of("д".repeat(70)), ucs2("д".repeat(70), Segmentation.UDH8));
        assertEquals(List.of("д".repeat(67), "д".repeat(4)), ucs2("д".repeat(71), Segmentation.UDH8));
        assertEquals(2, ucs2("д".repeat(134), Segmentation.SAR).size());
        assertEquals(3, ucs2("д".repeat(135), Segmentation.SAR).size());
    }

    @Test
    void aSurrogatePairIsNeverCutAcrossParts() {
        // 66 units, then an emoji (2 units) would end on unit 68: it opens the second part whole.
        String text = "д".repeat(66) + "😀" + "ж".repeat(10);
        assertEquals(List.of("д".repeat(66), "😀" + "ж".repeat(10)), ucs2(text, Segmentation.UDH8));
        // 65 + emoji ends exactly on unit 67.
        assertEquals(List.of("д".repeat(65) + "😀", "ж".repeat(10)),
                ucs2("д".repeat(65) + "😀" + "ж".repeat(10), Segmentation.UDH8));
        for (String part : ucs2("a😀".repeat(120), Segmentation.UDH8)) {
            assertFalse(Character.isHighSurrogate(part.charAt(part.length() - 1)), "a part ends inside a pair");
            assertFalse(Character.isLowSurrogate(part.charAt(0)), "a part starts inside a pair");
            assertTrue(part.length() <= 67);
        }
    }

    @Test
    void sixteenBitReferencesLeaveOneCharacterLessPerPart() {
        assertEquals(List.of("a".repeat(152), "a".repeat(9)), gsm7("a".repeat(161), Segmentation.UDH16));
        assertEquals(List.of("д".repeat(66), "д".repeat(5)), ucs2("д".repeat(71), Segmentation.UDH16));
        // 306 septets: two parts at 153, three at 152 (the count compliance reports is the 8-bit one).
        assertEquals(2, SmsEncoding.of("a".repeat(306)).segments());
        assertEquals(3, gsm7("a".repeat(306), Segmentation.UDH16).size());
    }

    @Test
    void messagePayloadIsNeverCut() {
        assertEquals(List.of("a".repeat(1600)), gsm7("a".repeat(1600), Segmentation.PAYLOAD));
        assertEquals(List.of("😀".repeat(400)), ucs2("😀".repeat(400), Segmentation.PAYLOAD));
    }

    /** Random texts of every length, rich in characters that straddle boundaries: same count as compliance. */
    @ParameterizedTest
    @EnumSource(value = Segmentation.class, names = { "UDH8", "SAR" })
    void partsAreAsManyAsComplianceCountsAndMakeTheTextAgain(Segmentation mode) {
        Random random = new Random(42);
        String gsmAlphabet = "abc XYZ 123 {}[]€~|^\\\n@£";
        String ucsAlphabet = "дж 😀🎉 a€ 中文";
        for (int length = 1; length <= 1_600; length += 1 + random.nextInt(7)) {
            for (String alphabet : List.of(gsmAlphabet, ucsAlphabet)) {
                StringBuilder text = new StringBuilder();
                while (text.length() < length) {
                    int at = random.nextInt(alphabet.length());
                    if (Character.isLowSurrogate(alphabet.charAt(at))) {
                        at--;
                    }
                    text.appendCodePoint(alphabet.codePointAt(at));
                }
                String body = text.toString();
                SmsEncoding.Result counted = SmsEncoding.of(body);
                List<String> parts = TextSplitter.split(body, counted.encoding() == Encoding.GSM7, mode);
                assertEquals(counted.segments(), parts.size(), () -> "segments of a " + body.length()
                        + "-character " + counted.encoding() + " text");
                assertEquals(body, String.join("", parts));
            }
        }
    }

    private static List<String> gsm7(String text, Segmentation mode) {
        assertTrue(GsmAlphabet.canEncode(text));
        List<String> parts = TextSplitter.split(text, true, mode);
        assertEquals(text, String.join("", parts));
        return parts;
    }

    private static List<String> ucs2(String text, Segmentation mode) {
        List<String> parts = TextSplitter.split(text, false, mode);
        assertEquals(text, String.join("", parts));
        return parts;
    }
}
