package org.compliantsms.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.compliantsms.events.PhoneNumbers.InvalidNumberException;
import org.junit.jupiter.api.Test;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

class PhoneNumbersTest {

    @Test
    void normalisesNationalAndInternationalFormsToE164() {
        assertEquals("+33612345678", PhoneNumbers.toE164("06 12 34 56 78", "FR"));
        assertEquals("+33612345678", PhoneNumbers.toE164("+33 6 12 34 56 78", null));
        assertEquals("+33612345678", PhoneNumbers.toE164("0033612345678", "FR"));
        assertEquals("+447400123456", PhoneNumbers.toE164("07400 123456", "GB"));
        assertEquals("+12015550123", PhoneNumbers.toE164("(201) 555-0123", "US"));
    }

    @Test
    void rejectsWhatCannotReceiveAnSms() {
        assertThrows(InvalidNumberException.class, () -> PhoneNumbers.toE164("", "FR"));
        assertThrows(InvalidNumberException.class, () -> PhoneNumbers.toE164("hello", "FR"));
        assertThrows(InvalidNumberException.class, () -> PhoneNumbers.toE164("+3361234", null));
        // a French landline cannot receive SMS
        InvalidNumberException landline = assertThrows(InvalidNumberException.class,
                () -> PhoneNumbers.toE164("+33142685300", null));
        assertTrue(landline.getMessage().contains("FIXED_LINE"), landline.getMessage());
        // national form without a region is ambiguous
        assertThrows(InvalidNumberException.class, () -> PhoneNumbers.toE164("0612345678", null));
    }

    @Test
    void readsEveryFormCarriersAndPeopleWrite() {
        assertEquals("+4915112345681", PhoneNumbers.fromAnyForm("+4915112345681", null));
        assertEquals("+4915112345681", PhoneNumbers.fromAnyForm("4915112345681", null)); // no plus (SMPP TON 0)
        assertEquals("+4915112345681", PhoneNumbers.fromAnyForm("004915112345681", null));
        assertEquals("+4915112345681", PhoneNumbers.fromAnyForm("0049 151 1234 5681", "FR"));
        assertEquals("+33612345678", PhoneNumbers.fromAnyForm("06 12 34 56 78", "FR"));
        assertEquals("+33612345678", PhoneNumbers.fromAnyForm("612345678", "FR")); // national without trunk 0
        assertEquals("+33612345678", PhoneNumbers.fromAnyForm("33612345678", "FR"));
        assertEquals("+12015550123", PhoneNumbers.fromAnyForm("(201) 555-0123", "US"));
        assertEquals("+12015550123", PhoneNumbers.fromAnyForm("12015550123", "US"));
        assertEquals("+447400123456", PhoneNumbers.fromAnyForm("447400123456", "US"));
    }

    @Test
    void aFormWithoutAReadingIsRejectedWithAReason() {
        assertThrows(InvalidNumberException.class, () -> PhoneNumbers.fromAnyForm("0612345678", null));
        assertThrows(InvalidNumberException.class, () -> PhoneNumbers.fromAnyForm("ACME", "FR"));
        assertThrows(InvalidNumberException.class, () -> PhoneNumbers.fromAnyForm("36180", "FR"));
        assertThrows(InvalidNumberException.class, () -> PhoneNumbers.fromAnyForm(" ", "FR"));
        InvalidNumberException e = assertThrows(InvalidNumberException.class,
                () -> PhoneNumbers.fromAnyForm("0142685300", "FR"));
        assertFalse(e.getMessage().contains("0142685300"), "the message masks the number");
    }

    @Test
    void requireE164AcceptsOnlyTheCanonicalForm() {
        assertEquals("+33612345678", PhoneNumbers.requireE164("+33612345678"));
        assertThrows(InvalidNumberException.class, () -> PhoneNumbers.requireE164("+33 6 12 34 56 78"));
        assertThrows(InvalidNumberException.class, () -> PhoneNumbers.requireE164("0612345678"));
        assertThrows(InvalidNumberException.class, () -> PhoneNumbers.requireE164(null));
    }

    @Test
    void maskKeepsOnlyThePrefixAndTheLastTwoDigits() {
        assertEquals("+33*******78", PhoneNumbers.mask("+33612345678"));
        assertEquals("null", PhoneNumbers.mask(null));
        assertEquals("***", PhoneNumbers.mask("123"));
        InvalidNumberException e = assertThrows(InvalidNumberException.class,
                () -> PhoneNumbers.toE164("+33142685300", null));
        assertFalse(e.getMessage().contains("142685300"), "a reason must not print the full number");
    }

    @Test
    void classifyE164TellsTheTypeAndRegionWithoutJudgingIt() {
        PhoneNumbers.Classified landline = PhoneNumbers.classifyE164("+33142685300");
        assertEquals(PhoneNumberType.FIXED_LINE, landline.type());
        assertEquals("FR", landline.region());
        assertFalse(landline.smsCapable());
        PhoneNumbers.Classified nanp = PhoneNumbers.classifyE164("+12125550123");
        assertEquals(PhoneNumberType.FIXED_LINE_OR_MOBILE, nanp.type());
        assertEquals("US", nanp.region());
        assertEquals("001", PhoneNumbers.classifyE164("+881612345678").region());
        assertThrows(InvalidNumberException.class, () -> PhoneNumbers.classifyE164("+33 6 12 34 56 78"));
        assertThrows(InvalidNumberException.class, () -> PhoneNumbers.classifyE164("+3361234"));
        assertThrows(InvalidNumberException.class, () -> PhoneNumbers.classifyE164("0612345678"));
    }

    @Test
    void regionComesFromTheCountryCode() {
        assertEquals("FR", PhoneNumbers.regionOf("+33612345678"));
        assertEquals("GB", PhoneNumbers.regionOf("+447400123456"));
        assertEquals("ZZ", PhoneNumbers.regionOf("nonsense"));
    }

    /** The fast path for canonical texts decides as parsing, normalising and comparing the text did. */
    @Test
    void requireE164DecidesAsAFullParseForTheNumbersOfEveryRegion() {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        SplittableRandom random = new SplittableRandom(7);
        int compared = 0;
        for (String region : util.getSupportedRegions()) {
            for (PhoneNumberType type : PhoneNumberType.values()) {
                PhoneNumber example = util.getExampleNumberForType(region, type);
                if (example == null) {
                    continue;
                }
                String e164 = util.format(example, PhoneNumberFormat.E164);
                for (int variant = 0; variant < 12; variant++) {
                    String text = variant == 0 ? e164 : mutate(e164, random);
                    assertEquals(acceptedByFullParse(text), acceptedByRequireE164(text), text);
                    compared++;
                }
            }
        }
        assertTrue(compared > 10_000, "compared " + compared);
    }

    private static String mutate(String e164, SplittableRandom random) {
        StringBuilder text = new StringBuilder(e164);
        switch (random.nextInt(4)) {
            case 0 -> text.setCharAt(1 + random.nextInt(text.length() - 1), (char) ('0' + random.nextInt(10)));
            case 1 -> text.insert(1 + random.nextInt(text.length() - 1), (char) ('0' + random.nextInt(10)));
            case 2 -> text.deleteCharAt(1 + random.nextInt(text.length() - 1));
            default -> {
                for (int i = text.length() - 7; i < text.length(); i++) {
                    text.setCharAt(i, (char) ('0' + random.nextInt(10)));
                }
            }
        }
        return text.toString();
    }

    private static boolean acceptedByFullParse(String text) {
        try {
            return PhoneNumbers.toE164(text, null).equals(text);
        } catch (InvalidNumberException e) {
            return false;
        }
    }

    private static boolean acceptedByRequireE164(String text) {
        try {
            PhoneNumbers.requireE164(text);
            return true;
        } catch (InvalidNumberException e) {
            return false;
        }
    }
}
