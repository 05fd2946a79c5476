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
}
