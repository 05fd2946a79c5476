package org.compliantsms.compliance.erasure;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * HMAC-SHA256 of a number (E.164, UTF-8) with {@code compliance.erasure.key}, lowercase hex: the only form of an
 * erased number that the platform keeps. Keyed, because a plain hash of a phone number is reversed by trying the
 * few billion numbers there are.
 */
@ApplicationScoped
public class NumberHmac {
    private static final String ALGORITHM = "HmacSHA256";
    private static final int MINIMUM_KEY_BYTES = 16;

    private final Mac prototype;

    @Inject
    public NumberHmac(ErasureConfig config) {
        this(config.key());
    }

    NumberHmac(String key) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MINIMUM_KEY_BYTES) {
            throw new IllegalArgumentException("compliance.erasure.key must be at least " + MINIMUM_KEY_BYTES
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
