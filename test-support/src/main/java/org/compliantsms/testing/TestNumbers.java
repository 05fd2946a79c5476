package org.compliantsms.testing;

import java.util.concurrent.ThreadLocalRandom;

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
}
