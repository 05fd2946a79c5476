package org.compliantsms.suppression.erased;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NumberHmacTest {
    private final NumberHmac hmac = new NumberHmac("local-development-erasure-key", "compliance.erasure.key");

    @Test
    void isHmacSha256OfTheNumberInHex() {
        // echo -n "+447700900123" | openssl dgst -sha256 -hmac "local-development-erasure-key"
        assertEquals("fe2ab0d55e94a80d9a695d6a02576f1cffc6798a684099b8e5d658e733bea741", hmac.of("+447700900123"));
    }

    @Test
    void anotherKeyGivesAnotherHash() {
        assertNotEquals(hmac.of("+447700900123"), new NumberHmac("another-erasure-key-0123", "compliance.erasure.key").of("+447700900123"));
    }

    @Test
    void aShortKeyIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new NumberHmac("short", "compliance.erasure.key"));
        assertEquals("compliance.erasure.key must be at least 16 bytes (e.g. openssl rand -hex 32)", e.getMessage());
    }
}
