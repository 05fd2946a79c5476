package org.compliantsms.testing;

import java.util.concurrent.ThreadLocalRandom;

/** Fresh, valid mobile numbers, so that each test owns its data on shared topics and Redis. */
public final class TestNumbers {
    private TestNumbers() {
    }

    /** A random valid French mobile number in E.164 (+336 and eight digits: the whole 06 range is mobile). */
    public static String frenchMobile() {
        return "+336" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }
}
