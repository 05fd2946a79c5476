package org.compliantsms.dispatch.sending;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;

import org.compliantsms.dispatch.carrier.CarrierError;
import org.compliantsms.dispatch.carrier.CarrierErrors;
import org.compliantsms.dispatch.carrier.ErrorClass;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    static final CarrierError THROTTLED = CarrierErrors.defaults().smpp(0x58);
    static final CarrierError INVALID_DESTINATION = CarrierErrors.defaults().smpp(0x0B);
    static final CarrierError VENDOR = CarrierErrors.defaults().smpp(0x400);

    static RetryPolicy policy(double random) {
        return new RetryPolicy(5, 3, Duration.ofSeconds(1), Duration.ofSeconds(10), 0.2, () -> random);
    }

    @Test
    void aTransientRefusalIsRetriedWithADoublingCappedBackoffUpToTheLastAttempt() {
        RetryPolicy noJitter = policy(0.0);
        assertEquals(Optional.of(Duration.ofSeconds(1)), noJitter.retryAfter(THROTTLED, 1));
        assertEquals(Optional.of(Duration.ofSeconds(2)), noJitter.retryAfter(THROTTLED, 2));
        assertEquals(Optional.of(Duration.ofSeconds(4)), noJitter.retryAfter(THROTTLED, 3));
        assertEquals(Optional.of(Duration.ofSeconds(8)), noJitter.retryAfter(THROTTLED, 4));
        assertEquals(Optional.empty(), noJitter.retryAfter(THROTTLED, 5), "5 attempts in all, then FAILED");
        assertEquals(Duration.ofSeconds(10), noJitter.delay(5), "capped");
        assertEquals(Duration.ofSeconds(10), noJitter.delay(10_000), "capped, whatever the attempt");
    }

    @Test
    void jitterShortensEachWaitByUpToItsShare() {
        assertEquals(Optional.of(Duration.ofMillis(3_200)), policy(1.0).retryAfter(THROTTLED, 3));
        assertEquals(Optional.of(Duration.ofMillis(3_600)), policy(0.5).retryAfter(THROTTLED, 3));
        RetryPolicy random = RetryPolicy.of(new TestRetry());
        for (int i = 0; i < 1_000; i++) {
            Duration d = random.retryAfter(THROTTLED, 2).orElseThrow();
            assertTrue(d.toMillis() >= 1_600 && d.toMillis() <= 2_000, d.toString());
        }
    }

    @Test
    void aPermanentRefusalIsNeverRetriedAndAnUnknownOneOnlyAFewTimes() {
        RetryPolicy policy = policy(0.0);
        assertEquals(Optional.empty(), policy.retryAfter(INVALID_DESTINATION, 1));
        assertEquals(ErrorClass.UNKNOWN, VENDOR.errorClass());
        assertTrue(policy.retryAfter(VENDOR, 1).isPresent());
        assertTrue(policy.retryAfter(VENDOR, 2).isPresent());
        assertEquals(Optional.empty(), policy.retryAfter(VENDOR, 3), "retried twice, then FAILED");
    }

    @Test
    void theFailureTextStartsWithTheCodeAndCountsTheAttempts() {
        assertEquals("smpp:0x0000000B ESME_RINVDSTADR invalid destination address",
                RetryPolicy.failure(INVALID_DESTINATION, 1));
        assertEquals("smpp:0x00000058 ESME_RTHROTTLED throttling error (message rate exceeded), refused 8 times",
                RetryPolicy.failure(THROTTLED, 8));
        assertEquals("smpp:0x00000400 (not in the error table), refused 3 times", RetryPolicy.failure(VENDOR, 3));
    }

    @Test
    void aPolicyWithoutAttemptsOrWaitsIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new RetryPolicy(0, 3, Duration.ofSeconds(1), Duration.ofSeconds(10), 0.2, () -> 0));
        assertThrows(IllegalArgumentException.class,
                () -> new RetryPolicy(3, 3, Duration.ZERO, Duration.ofSeconds(10), 0.2, () -> 0));
        assertThrows(IllegalArgumentException.class,
                () -> new RetryPolicy(3, 3, Duration.ofSeconds(1), Duration.ofSeconds(10), 1.5, () -> 0));
    }

    /** The configuration's defaults but a 1 s initial delay. */
    static final class TestRetry implements org.compliantsms.dispatch.carrier.CarrierConfig.Retry {
        @Override
        public int maxAttempts() {
            return 8;
        }

        @Override
        public int unknownStatusAttempts() {
            return 3;
        }

        @Override
        public Duration initialDelay() {
            return Duration.ofSeconds(1);
        }

        @Override
        public Duration maxDelay() {
            return Duration.ofMinutes(5);
        }

        @Override
        public double jitter() {
            return 0.2;
        }
    }
}
