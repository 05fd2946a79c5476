package org.compliantsms.campaign.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The pseudonym is the documented HMAC (docs/analytics.md), so that whoever holds the key can compute it too. */
class RecipientPseudonymTest {
    private final RecipientPseudonym pseudonym = new RecipientPseudonym("local-development-pseudonym-key");

    @Test
    void isTheHmacSha256OfTheNumberInHex() {
        // echo -n "+33612345678" | openssl dgst -sha256 -hmac "local-development-pseudonym-key"
        assertEquals("2540e1db4ca4413afeefb4fa133ce3505c72aea4b544a234e2c5c82426b2feaf",
                pseudonym.of("+33612345678"));
        assertEquals(pseudonym.of("+33612345678"), pseudonym.of(" +33612345678 "));
    }

    @Test
    void anotherKeyGivesAnotherPseudonym() {
        assertNotEquals(pseudonym.of("+33612345678"),
                new RecipientPseudonym("another-key-of-sixteen-bytes").of("+33612345678"));
    }

    @Test
    void aShortKeyIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RecipientPseudonym("short"));
        assertEquals("analytics.pseudonym-key must be at least 16 bytes (e.g. openssl rand -hex 32)", e.getMessage());
    }

    @Test
    void theCountryIsTheNumbersRegion() {
        assertEquals("FR", RecipientPseudonym.country("+33612345678"));
        assertEquals("GB", RecipientPseudonym.country("+447700900123")); // a drama number: not valid, yet British
        assertEquals("US", RecipientPseudonym.country("+12015550123"));
        assertEquals("ZZ", RecipientPseudonym.country("0612345678"));
        assertEquals("ZZ", RecipientPseudonym.country("+80012345678"));
    }
}
