package org.compliantsms.events.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GsmAlphabetTest {

    @Test
    void encodesToTheStandardSeptetValues() {
        assertArrayEquals(new byte[] { 0x00, 0x41, 0x61, 0x10, 0x7F }, GsmAlphabet.encode("@AaΔà"));
        assertArrayEquals(new byte[] { 0x1B, 0x65, 0x1B, 0x28 }, GsmAlphabet.encode("€{"));
    }

    @Test
    void decodeReversesEncode() {
        String text = "Réponse STOP au 36180: 5€ [promo] ~ {ok} | ^_^ \\ Ñandu ÆØÅ ¿¡§";
        assertEquals(text, GsmAlphabet.decode(GsmAlphabet.encode(text)));
    }

    @Test
    void refusesCharactersOutsideTheAlphabet() {
        assertThrows(IllegalArgumentException.class, () -> GsmAlphabet.encode("It’s"));
        assertThrows(IllegalArgumentException.class, () -> GsmAlphabet.encode("\u001B"));
        assertEquals(0, GsmAlphabet.septets('ж'));
    }

    /** The table answers for every character as the 03.38 tables do: 128 basic (less ESC), 10 extension ones. */
    @Test
    void everyCharacterIsInTheAlphabetOnceOrNotAtAll() {
        int basic = 0;
        int extension = 0;
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            String text = String.valueOf((char) c);
            int septets = GsmAlphabet.septets((char) c);
            assertEquals(septets > 0, GsmAlphabet.canEncode(text), text);
            if (septets > 0) {
                assertEquals(septets, GsmAlphabet.encode(text).length);
                assertEquals(text, GsmAlphabet.decode(GsmAlphabet.encode(text)));
                basic += septets == 1 ? 1 : 0;
                extension += septets == 2 ? 1 : 0;
            }
        }
        assertEquals(127, basic);
        assertEquals(10, extension);
    }
}
