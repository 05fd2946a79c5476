package org.compliantsms.events;

import java.util.Set;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Phone numbers at the edges of the system (libphonenumber): everything inside is E.164, and logs only ever
 * see {@link #mask masked} numbers.
 */
public final class PhoneNumbers {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    /** Types that can receive SMS. FIXED_LINE_OR_MOBILE covers the NANP, where the two cannot be told apart. */
    private static final Set<PhoneNumberType> SMS_CAPABLE = Set.of(PhoneNumberType.MOBILE,
            PhoneNumberType.FIXED_LINE_OR_MOBILE);

    private PhoneNumbers() {
    }

    /**
     * Normalises what a person or a file typed into E.164.
     *
     * @param defaultRegion ISO 3166 region for numbers written without a country code, or null to demand
     *            international form
     * @throws InvalidNumberException with a reason safe to show (the number itself is masked)
     */
    public static String toE164(String raw, String defaultRegion) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidNumberException("empty number");
        }
        PhoneNumber number;
        try {
            number = UTIL.parse(raw.strip(), defaultRegion == null ? "ZZ" : defaultRegion);
        } catch (NumberParseException e) {
            throw new InvalidNumberException("not a phone number (" + e.getErrorType() + "): " + mask(raw.strip()));
        }
        String e164 = UTIL.format(number, PhoneNumberFormat.E164);
        // A number of an SMS-capable type is valid: its type was found in its region's patterns. Checking validity
        // first would match those (regular expression) patterns twice on the hot path.
        requireSmsCapable(number, e164);
        return e164;
    }

    /** Checks that a number inside the system is already a valid, SMS-capable E.164 number. */
    /**
     * A number written in any common form, as carriers and people write them: E.164 ({@code +4915112345681}),
     * international without the plus ({@code 4915112345681}) or with the international prefix {@code 00}, or
     * national ({@code 0612345678}) in {@code defaultRegion} (nullable). Digits without a plus are read as
     * international first unless they start with the national trunk prefix 0; a national reading is tried next.
     *
     * @throws InvalidNumberException when no reading gives a number the platform can send to
     */
    public static String fromAnyForm(String raw, String defaultRegion) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidNumberException("empty number");
        }
        String written = raw.strip();
        if (written.startsWith("+")) {
            return toE164(written, null);
        }
        String digits = written.replaceAll("[\\s().-]", "");
        if (!digits.chars().allMatch(Character::isDigit)) {
            throw new InvalidNumberException("not a phone number: " + mask(written));
        }
        if (digits.startsWith("00")) {
            return toE164("+" + digits.substring(2), null);
        }
        String international = digits.startsWith("0") ? null : validOrNull("+" + digits, null);
        String national = defaultRegion == null ? null : validOrNull(digits, defaultRegion);
        if (international != null && national != null && !international.equals(national)) {
            // Both readings are numbers: the region's own country code in front says international.
            return digits.startsWith(Integer.toString(UTIL.getCountryCodeForRegion(defaultRegion))) ? international
                    : national;
        }
        if (international != null) {
            return international;
        }
        if (national != null) {
            return national;
        }
        throw new InvalidNumberException((defaultRegion == null ? "neither international nor, without a default "
                + "region, national: " : "neither international nor national in " + defaultRegion + ": ")
                + mask(written));
    }

    private static String validOrNull(String raw, String region) {
        try {
            return toE164(raw, region);
        } catch (InvalidNumberException e) {
            return null;
        }
    }

    public static String requireE164(String e164) {
        if (e164 == null || !e164.startsWith("+")) {
            throw new InvalidNumberException("not in E.164 form: " + mask(e164));
        }
        PhoneNumber canonical = canonicalE164(e164);
        if (canonical != null) {
            requireSmsCapable(canonical, e164);
            return e164;
        }
        String normalised = toE164(e164, null);
        if (!normalised.equals(e164)) {
            throw new InvalidNumberException("not in canonical E.164 form: " + mask(e164));
        }
        return e164;
    }

    /**
     * A valid number inside the system, whatever its type, with what the compliance rules look at.
     *
     * @param region ISO 3166 (e.g. FR, US; 001 for non-geographic numbers such as satellite ones)
     */
    public record Classified(String e164, PhoneNumber number, PhoneNumberType type, String region) {
        public boolean smsCapable() {
            return SMS_CAPABLE.contains(type);
        }
    }

    /**
     * Reads a number that must already be canonical E.164 and valid, and tells its type without judging it (the
     * rules decide what a fixed line or a premium-rate number means). Parses at most once.
     *
     * @throws InvalidNumberException when it is not canonical E.164 or not a valid number
     */
    public static Classified classifyE164(String e164) {
        if (e164 == null || !e164.startsWith("+")) {
            throw new InvalidNumberException("not in E.164 form: " + mask(e164));
        }
        PhoneNumber number = canonicalE164(e164);
        if (number == null) {
            try {
                number = UTIL.parse(e164, "ZZ");
            } catch (NumberParseException e) {
                throw new InvalidNumberException("not a phone number (" + e.getErrorType() + "): " + mask(e164));
            }
            if (!UTIL.format(number, PhoneNumberFormat.E164).equals(e164)) {
                throw new InvalidNumberException("not in canonical E.164 form: " + mask(e164));
            }
        }
        PhoneNumberType type = UTIL.getNumberType(number);
        // A known type was found in the region's patterns; only an unknown one needs the validity check.
        if (type == PhoneNumberType.UNKNOWN || (!SMS_CAPABLE.contains(type) && !UTIL.isValidNumber(number))) {
            throw new InvalidNumberException("not a valid number: " + mask(e164));
        }
        return new Classified(e164, number, type, UTIL.getRegionCodeForNumber(number));
    }

    /**
     * The number of a text that is already canonical E.164 ({@code +}, a country code, a national number not
     * starting with 0, digits only), or null for any other text. Such a text needs none of {@code parse}'s
     * normalisation (a third of compliance's CPU on the hot path): the digits after the country code are the
     * national number, and formatting it gives the text back.
     */
    private static PhoneNumber canonicalE164(String text) {
        int length = text.length();
        if (length < 4 || length > 16 || text.charAt(1) == '0') {
            return null;
        }
        for (int i = 1; i < length; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        // Country codes are prefix-free: at most one of the first one, two or three digits is assigned.
        for (int digits = 1; digits <= 3 && digits < length - 1; digits++) {
            int countryCode = Integer.parseInt(text, 1, 1 + digits, 10);
            if (!UTIL.getRegionCodeForCountryCode(countryCode).equals("ZZ")) {
                if (text.charAt(1 + digits) == '0') {
                    return null; // a national prefix or an Italian leading zero: parse decides
                }
                return new PhoneNumber().setCountryCode(countryCode)
                        .setNationalNumber(Long.parseLong(text, 1 + digits, length, 10));
            }
        }
        return null;
    }

    private static void requireSmsCapable(PhoneNumber number, String e164) {
        PhoneNumberType type = UTIL.getNumberType(number);
        if (!SMS_CAPABLE.contains(type)) {
            if (!UTIL.isValidNumber(number)) {
                throw new InvalidNumberException("not a valid number: " + mask(e164));
            }
            throw new InvalidNumberException("not a mobile number (" + type + "): " + mask(e164));
        }
    }

    /** ISO 3166 region of an E.164 number (e.g. FR), or ZZ when unknown. */
    public static String regionOf(String e164) {
        try {
            return UTIL.getRegionCodeForNumber(UTIL.parse(e164, "ZZ"));
        } catch (NumberParseException e) {
            return "ZZ";
        }
    }

    /** The number as it may appear in logs: country prefix and last two digits, e.g. {@code +33*******78}. */
    public static String mask(String number) {
        if (number == null) {
            return "null";
        }
        int length = number.length();
        if (length <= 5) {
            return "*".repeat(length);
        }
        return number.substring(0, 3) + "*".repeat(length - 5) + number.substring(length - 2);
    }

    /** A number the platform cannot send to; the message is safe to log. */
    public static class InvalidNumberException extends RuntimeException {
        public InvalidNumberException(String message) {
            super(message);
        }
    }
}
