package org.compliantsms.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.compliantsms.events.PhoneNumbers;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Distinct valid mobile numbers of several regions: libphonenumber's example mobile number of each region with
 * its last digits drawn at random, kept only when {@link PhoneNumbers#requireE164} accepts it (what compliance
 * checks), so that no bench message is rejected INVALID_NUMBER.
 */
public final class MobileNumbers {
    public static final List<String> REGIONS = List.of("FR", "DE", "GB", "ES", "IT", "NL", "BR", "IN", "US");
    /** Random trailing digits: 10^7 numbers per region keeps repeats across runs rare. */
    private static final int VARIED_DIGITS = 7;
    private static final int MAX_TRIES_PER_NUMBER = 50;

    private final List<String> prefixes = new ArrayList<>();
    private final SplittableRandom random;
    private final Set<String> issued = new HashSet<>();
    private int next;

    public MobileNumbers(long seed) {
        this(seed, REGIONS);
    }

    /** @param regions a subset of {@link #REGIONS} */
    public MobileNumbers(long seed, List<String> regions) {
        this.random = new SplittableRandom(seed);
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        for (String region : regions) {
            PhoneNumber example = util.getExampleNumberForType(region, PhoneNumberType.MOBILE);
            String national = util.getNationalSignificantNumber(example);
            prefixes.add("+" + example.getCountryCode() + national.substring(0, national.length() - VARIED_DIGITS));
        }
    }

    /** The next number, regions taken in turn; never one issued before by this generator. */
    public String next() {
        String prefix = prefixes.get(next++ % prefixes.size());
        for (int attempt = 0; attempt < MAX_TRIES_PER_NUMBER; attempt++) {
            String candidate = prefix + String.format("%0" + VARIED_DIGITS + "d", random.nextInt(10_000_000));
            if (!issued.contains(candidate) && valid(candidate)) {
                issued.add(candidate);
                return candidate;
            }
        }
        throw new IllegalStateException("no valid number found after " + MAX_TRIES_PER_NUMBER + " tries for prefix "
                + prefix.substring(0, 3));
    }

    public List<String> next(int count) {
        List<String> numbers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            numbers.add(next());
        }
        return numbers;
    }

    static boolean valid(String e164) {
        try {
            PhoneNumbers.requireE164(e164);
            return true;
        } catch (PhoneNumbers.InvalidNumberException e) {
            return false;
        }
    }
}
