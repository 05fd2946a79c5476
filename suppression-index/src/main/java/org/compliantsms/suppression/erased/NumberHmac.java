package org.compliantsms.suppression.erased;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 of a number (E.164, UTF-8), lowercase hex: the only form of an erased number that the platform keeps.
 * Keyed, because a plain hash of a phone number is reversed by trying the few billion numbers there are. compliance
 * (which erases) and dispatch (which checks last) must hold the same key.
 */
public final class NumberHmac {
    private static final String ALGORITHM = "HmacSHA256";
    private static final int MINIMUM_KEY_BYTES = 16;

    private final Mac prototype;

    /** @param property the configuration property the key came from, named when the key is refused */
    public NumberHmac(String key, String property) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MINIMUM_KEY_BYTES) {
            throw new IllegalArgumentException(property + " must be at least " + MINIMUM_KEY_BYTES
                    + " bytes (e.g. openssl rand -hex 32)");
        }
        try {
            prototype = Mac.getInstance(ALGORITHM);
            prototype.init(new SecretKeySpec(bytes, ALGORITHM));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available", e);
        }
    }

    public String of(String e164) {
        Mac mac;
        try {
            mac = (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
        return HexFormat.of().formatHex(mac.doFinal(e164.getBytes(StandardCharsets.UTF_8)));
    }
}
