package org.compliantsms.dispatch.sending;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

import org.compliantsms.dispatch.carrier.CarrierConfig;
import org.compliantsms.dispatch.carrier.CarrierError;
import org.compliantsms.dispatch.carrier.ErrorClass;

/**
 * What to do after a carrier refused a submit: wait and try again (an exponential backoff with jitter, capped), or
 * give up. Bounded in every case: a transient refusal gets {@code maxAttempts} attempts, a status the error table
 * does not know {@code unknownStatusAttempts}, a permanent one no second attempt. Nothing is retried forever.
 */
public final class RetryPolicy {
    private final int maxAttempts;
    private final int unknownStatusAttempts;
    private final Duration initialDelay;
    private final Duration maxDelay;
    private final double jitter;
    private final DoubleSupplier random;

    public RetryPolicy(int maxAttempts, int unknownStatusAttempts, Duration initialDelay, Duration maxDelay,
            double jitter, DoubleSupplier random) {
        if (maxAttempts < 1 || unknownStatusAttempts < 1) {
            throw new IllegalArgumentException("dispatch.carrier.retry: attempts are at least 1");
        }
        if (initialDelay.isNegative() || initialDelay.isZero() || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("dispatch.carrier.retry: 0 < initial-delay <= max-delay");
        }
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("dispatch.carrier.retry.jitter is between 0 and 1");
        }
        this.maxAttempts = maxAttempts;
        this.unknownStatusAttempts = unknownStatusAttempts;
        this.initialDelay = initialDelay;
        this.maxDelay = maxDelay;
        this.jitter = jitter;
        this.random = random;
    }

    public static RetryPolicy of(CarrierConfig.Retry config) {
        return new RetryPolicy(config.maxAttempts(), config.unknownStatusAttempts(), config.initialDelay(),
                config.maxDelay(), config.jitter(), () -> ThreadLocalRandom.current().nextDouble());
    }

    /**
     * @param attempt the attempt just refused, 1 for the first
     * @return the wait before the next attempt, or empty to give up
     */
    public Optional<Duration> retryAfter(CarrierError error, int attempt) {
        int allowed = switch (error.errorClass()) {
            case TRANSIENT -> maxAttempts;
            case UNKNOWN -> unknownStatusAttempts;
            case PERMANENT -> 1;
        };
        return attempt >= allowed ? Optional.empty() : Optional.of(delay(attempt));
    }

    /** The reason a message ends FAILED after {@code attempts}, starting with the carrier's code. */
    public static String failure(CarrierError error, int attempts) {
        return attempts <= 1 && error.errorClass() == ErrorClass.PERMANENT ? error.text()
                : error.text() + ", refused " + attempts + (attempts == 1 ? " time" : " times");
    }

    /** Base × 2^(attempt-1), capped, less up to {@code jitter} of it at random. */
    Duration delay(int attempt) {
        // A shift of 30 at most: a base of up to a day times 2^30 still fits in a long.
        long capped = Math.min(maxDelay.toMillis(), initialDelay.toMillis() << Math.min(attempt - 1, 30));
        long jittered = Math.round(capped * (1 - jitter * random.getAsDouble()));
        return Duration.ofMillis(Math.max(1, jittered));
    }
}
