package org.compliantsms.systemtests;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.compliantsms.testing.SimulatorAdmin;

/**
 * What reached the carrier simulator for a test's own numbers, with when (the simulator's {@code receivedAt}, the
 * same machine's clock): other suites' messages (deferred retries released by a shared consumer group) do not count.
 */
final class CarrierLog {
    private final SimulatorAdmin carrier;
    private final Set<String> numbers;

    CarrierLog(SimulatorAdmin carrier, List<String> numbers) {
        this.carrier = carrier;
        this.numbers = Set.copyOf(numbers);
    }

    List<Map<String, Object>> messages() {
        return carrier.allMessages().stream().filter(m -> numbers.contains((String) m.get("to"))).toList();
    }

    int count() {
        return messages().size();
    }

    /** When each one reached the carrier (its last part). */
    List<Instant> times() {
        return messages().stream().map(CarrierLog::receivedAt).toList();
    }

    Map<String, Long> perNumber() {
        return messages().stream().map(m -> (String) m.get("to"))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    void awaitCount(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen;
        while ((seen = count()) < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + count + " messages at the carrier within " + timeout + ", got "
                        + seen);
            }
            FailClosedIT.sleep(Duration.ofMillis(200));
        }
    }

    /** The first message that reached the carrier at or after {@code since}. */
    Instant awaitFirstAfter(Instant since, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            var first = times().stream().filter(t -> !t.isBefore(since)).min(Instant::compareTo);
            if (first.isPresent()) {
                return first.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("nothing reached the carrier within " + timeout + " after " + since);
            }
            FailClosedIT.sleep(Duration.ofMillis(100));
        }
    }

    private static Instant receivedAt(Map<String, Object> message) {
        Object at = message.get("receivedAt");
        if (at instanceof Number seconds) {
            return Instant.ofEpochMilli((long) (seconds.doubleValue() * 1000));
        }
        return Instant.parse(String.valueOf(at));
    }
}
