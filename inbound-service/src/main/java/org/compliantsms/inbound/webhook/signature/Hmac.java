package org.compliantsms.inbound.webhook.signature;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** A keyed MAC over several parts, the key being the UTF-8 bytes of a secret. */
final class Hmac {
    private Hmac() {
    }

    static byte[] mac(String algorithm, String secret, byte[]... parts) {
        if (secret == null || secret.isEmpty()) {
            // SecretKeySpec refuses an empty key; say so without naming anything secret.
            throw new IllegalArgumentException("no secret configured");
        }
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " unavailable", e);
        }
    }
}
