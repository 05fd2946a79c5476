package org.compliantsms.campaign.analytics;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * The recipient's pseudonym on the outcomes topic: HMAC-SHA256 of the number (E.164, UTF-8) with the configured
 * key, in lowercase hex. Keyed, so that nobody without the key can test a guessed number against it (a plain hash
 * of a phone number is reversed by trying the few billion numbers there are).
 */
@ApplicationScoped
public class RecipientPseudonym {
    private static final String ALGORITHM = "HmacSHA256";
    private static final int MINIMUM_KEY_BYTES = 16;
    private static final PhoneNumberUtil PHONE_NUMBERS = PhoneNumberUtil.getInstance();

    private final Mac prototype;

    @Inject
    public RecipientPseudonym(AnalyticsConfig config) {
        this(config.pseudonymKey());
    }

    RecipientPseudonym(String key) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MINIMUM_KEY_BYTES) {
            throw new IllegalArgumentException("analytics.pseudonym-key must be at least " + MINIMUM_KEY_BYTES
                    + " bytes (e.g. openssl rand -hex 32)");
        }
        try {
            prototype = Mac.getInstance(ALGORITHM);
            prototype.init(new SecretKeySpec(bytes, ALGORITHM));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available", e);
        }
    }

    /**
     * The one other thing analytics keeps of a number: its ISO 3166 region (libphonenumber), that of its country
     * code when the number itself is not valid there (the main region of a shared code: US for +1), ZZ when it has
     * none (not a number, a non-geographic code).
     */
    public static String country(String recipient) {
        PhoneNumber number;
        try {
            number = PHONE_NUMBERS.parse(recipient.strip(), "ZZ");
        } catch (NumberParseException e) {
            return "ZZ";
        }
        String region = PHONE_NUMBERS.getRegionCodeForNumber(number);
        if (region == null) {
            region = PHONE_NUMBERS.getRegionCodeForCountryCode(number.getCountryCode());
        }
        return region != null && region.length() == 2 ? region : "ZZ";
    }

    /** The pseudonym of a number as the events carry it (surrounding spaces removed). */
    public String of(String recipient) {
        Mac mac;
        try {
            mac = (Mac) prototype.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(ALGORITHM + " cannot be cloned", e);
        }
        return HexFormat.of().formatHex(mac.doFinal(recipient.strip().getBytes(StandardCharsets.UTF_8)));
    }
}
