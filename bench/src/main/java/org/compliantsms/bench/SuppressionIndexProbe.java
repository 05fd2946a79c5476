package org.compliantsms.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.compliantsms.events.SuppressionScope;

/**
 * Reads the Redis suppression index as the services write it: hash {@code sms:suppression:<E.164>}, field
 * {@code program:<id>}, value {@code <1|0>:<epoch millis>:<consent event id>}.
 */
public final class SuppressionIndexProbe implements AutoCloseable {
    private static final String KEY_PREFIX = "sms:suppression:";
    private static final String IN_FLIGHT_PREFIX = "sms:inflight:";
    private static final int BATCH = 1_000;

    private final RedisClient redis;
    private final String field;

    public SuppressionIndexProbe(BenchOptions options) {
        this.redis = new RedisClient(options.redisHost(), options.redisPort(), Duration.ofSeconds(5));
        this.field = SuppressionScope.program(options.programId());
    }

    /** Whether the index holds the program opt-out of each number now. */
    public boolean[] suppressed(List<String> numbers) {
        boolean[] result = new boolean[numbers.size()];
        for (int from = 0; from < numbers.size(); from += BATCH) {
            List<List<String>> commands = new ArrayList<>();
            for (String number : numbers.subList(from, Math.min(numbers.size(), from + BATCH))) {
                commands.add(List.of("HGET", KEY_PREFIX + number, field));
            }
            List<Object> replies = redis.pipeline(commands);
            for (int i = 0; i < replies.size(); i++) {
                result[from + i] = replies.get(i) instanceof String value && value.startsWith("1:");
            }
        }
        return result;
    }

    /**
     * Whether each number's opt-out is effective: in the index, and no submit to the number that read the index
     * before the opt-out is still in flight ({@code sms:inflight:<E.164>} gone, see the services' SendFence).
     */
    public boolean[] effective(List<String> numbers) {
        boolean[] result = new boolean[numbers.size()];
        for (int from = 0; from < numbers.size(); from += BATCH) {
            List<List<String>> commands = new ArrayList<>();
            for (String number : numbers.subList(from, Math.min(numbers.size(), from + BATCH))) {
                commands.add(List.of("HGET", KEY_PREFIX + number, field));
                commands.add(List.of("EXISTS", IN_FLIGHT_PREFIX + number));
            }
            List<Object> replies = redis.pipeline(commands);
            for (int i = 0; i < replies.size() / 2; i++) {
                result[from + i] = replies.get(2 * i) instanceof String value && value.startsWith("1:")
                        && replies.get(2 * i + 1) instanceof Long count && count == 0;
            }
        }
        return result;
    }

    /** Whether the index has any entry for each number (an earlier run's opt-out, say). */
    public boolean[] known(List<String> numbers) {
        boolean[] result = new boolean[numbers.size()];
        for (int from = 0; from < numbers.size(); from += BATCH) {
            List<List<String>> commands = new ArrayList<>();
            for (String number : numbers.subList(from, Math.min(numbers.size(), from + BATCH))) {
                commands.add(List.of("EXISTS", KEY_PREFIX + number));
            }
            List<Object> replies = redis.pipeline(commands);
            for (int i = 0; i < replies.size(); i++) {
                result[from + i] = replies.get(i) instanceof Long count && count > 0;
            }
        }
        return result;
    }

    @Override
    public void close() {
        redis.close();
    }
}
