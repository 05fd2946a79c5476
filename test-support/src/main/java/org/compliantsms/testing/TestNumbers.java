package org.compliantsms.testing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.compliantsms.events.PhoneNumbers;

/** Fresh, valid mobile numbers, so that each test owns its data on shared topics and Redis. */
public final class TestNumbers {
    private TestNumbers() {
    }

    /**
     * Second digits after +336 that libphonenumber knows as mobile whatever follows (not 39, 9x), without 1: the
     * bench's French numbers are +3361... and leave opt-outs in a shared Redis (10% of them pre-suppressed in
     * acme-promo per run), which a test's fresh number must never meet.
     */
    private static final String MOBILE_BLOCKS = "0245678";

    /** A random valid French mobile number in E.164: +336, a mobile block, seven random digits (7 x 10^7). */
    public static String frenchMobile() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "+336" + MOBILE_BLOCKS.charAt(random.nextInt(MOBILE_BLOCKS.length()))
                + String.format("%07d", random.nextInt(10_000_000));
    }

    /**
     * {@code count} distinct French mobile numbers that the suppression index at {@code redisUrl} has no entry for.
     * The shared platform keeps every earlier run's opt-outs (the compacted topic, the machine's Redis): an audience of
     * thousands of random numbers meets one of them now and then (a 20,000-number audience met one in a CI run).
     */
    public static List<String> unknownToTheIndex(String redisUrl, int count) {
        Set<String> chosen = new LinkedHashSet<>();
        while (chosen.size() < count) {
            Set<String> drawn = new LinkedHashSet<>();
            while (drawn.size() < count - chosen.size()) {
                String number = frenchMobile();
                if (!chosen.contains(number)) {
                    drawn.add(number);
                }
            }
            List<String> candidates = new ArrayList<>(drawn);
            List<String[]> lookups = candidates.stream().map(n -> new String[] { "EXISTS", "sms:suppression:" + n })
                    .toList();
            List<Object> known = RedisCommands.pipeline(redisUrl, lookups);
            for (int i = 0; i < candidates.size(); i++) {
                if (((Number) known.get(i)).longValue() == 0) {
                    chosen.add(candidates.get(i));
                }
            }
        }
        return new ArrayList<>(chosen);
    }

    /** A random valid US number (New York, area code 212) in E.164, one that libphonenumber knows as SMS-capable. */
    public static String usMobile() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (true) {
            String number = "+1212" + (2 + random.nextInt(8)) + String.format("%06d", random.nextInt(1_000_000));
            try {
                if (PhoneNumbers.classifyE164(number).smsCapable()) {
                    return number;
                }
            } catch (PhoneNumbers.InvalidNumberException e) {
                // another one
            }
        }
    }
}
