package org.compliantsms.events.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.compliantsms.events.Encoding;
import org.junit.jupiter.api.Test;

class SmsEncodingTest {

    @Test
    void plainLatinTextIsGsm7() {
        assertEquals(new SmsEncoding.Result(Encoding.GSM7, 1, 5), SmsEncoding.of("Hello"));
        assertTrue(SmsEncoding.isGsm7("Prix: 5€ à Paris, Ünïcode? non: ÄÖÑÜ äöñü é è ù ì ò Ç ß"
                .replace("ï", "i")));
    }

    @Test
    void extensionCharactersCostTwoSeptets() {
        assertEquals(2, SmsEncoding.of("€").units());
        assertEquals(new SmsEncoding.Result(Encoding.GSM7, 1, 160), SmsEncoding.of("{".repeat(80)));
        assertEquals(2, SmsEncoding.of("{".repeat(81)).segments());
    }

    @Test
    void segmentBoundariesAre160Then153() {
        assertEquals(1, SmsEncoding.of("a".repeat(160)).segments());
        assertEquals(2, SmsEncoding.of("a".repeat(161)).segments());
        assertEquals(2, SmsEncoding.of("a".repeat(306)).segments());
        assertEquals(3, SmsEncoding.of("a".repeat(307)).segments());
    }

    @Test
    void anEscapeSequenceIsNotSplitAcrossParts() {
        // 152 plain septets then a two-septet character: it cannot straddle parts 1 and 2
        String text = "a".repeat(152) + "€" + "a".repeat(10);
        assertEquals(2, SmsEncoding.of(text).segments());
        assertEquals(164, SmsEncoding.of(text).units());
    }

    @Test
    void smartPunctuationEmojiAndNonLatinScriptsNeedUcs2() {
        assertFalse(SmsEncoding.isGsm7("It’s great"));
        assertEquals(Encoding.UCS2, SmsEncoding.of("Привет").encoding());
        assertEquals(Encoding.UCS2, SmsEncoding.of("退订").encoding());
        assertEquals(new SmsEncoding.Result(Encoding.UCS2, 1, 70), SmsEncoding.of("é😀".replace("é", "ж") + "ж".repeat(67)));
    }

    @Test
    void ucs2SegmentsAre70Then67AndKeepSurrogatePairsWhole() {
        assertEquals(1, SmsEncoding.of("ж".repeat(70)).segments());
        assertEquals(2, SmsEncoding.of("ж".repeat(71)).segments());
        assertEquals(2, SmsEncoding.of("ж".repeat(134)).segments());
        assertEquals(3, SmsEncoding.of("ж".repeat(135)).segments());
        // 66 units then an emoji (2 units) would end at 68 > 67: the emoji starts part 2
        assertEquals(2, SmsEncoding.of("ж".repeat(66) + "😀" + "ж".repeat(3)).segments());
    }
}
