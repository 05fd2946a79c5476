package org.compliantsms.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.compliantsms.events.ConsentAction;
import org.compliantsms.events.ConsentChanged;
import org.compliantsms.events.ConsentSource;

/**
 * Grants every recipient marketing consent before a MARKETING run, as a bulk import would (ConsentChanged
 * CONSENT_GRANTED, source IMPORT, with its evidence), and waits until compliance has written each one into its
 * consent index ({@code sms:consent:<E.164>}, field {@code program:<id>}): from then on a MARKETING message to them
 * is decided by the rest of the rules, not rejected NO_CONSENT.
 */
public final class PreConsent {
    private static final int CHECK_CHUNK = 2_000;

    private final BenchOptions options;
    private final String runId;

    public PreConsent(BenchOptions options, String runId) {
        this.options = options;
        this.runId = runId;
    }

    /** @param confirmed how many grants compliance's consent index held before the deadline */
    public record Result(int requested, int confirmed, double seconds) {
        public boolean complete() {
            return confirmed == requested;
        }
    }

    public Result run(List<String> numbers, Deadline deadline) {
        long start = System.nanoTime();
        Instant givenAt = Instant.now().minusSeconds(3_600);
        try (KafkaProducer<String, byte[]> producer = KafkaClients.producer(options.kafkaBootstrap(),
                "bench-consent-grants")) {
            for (int i = 0; i < numbers.size(); i++) {
                producer.send(CloudEventRecords.of(grant(i, numbers.get(i), givenAt)));
            }
            producer.flush();
        }
        Log.info("pre-consent: %,d grants produced, waiting for compliance's consent index", numbers.size());
        List<String> waiting = new ArrayList<>(numbers);
        try (RedisClient redis = new RedisClient(options.redisHost(), options.redisPort(), Duration.ofSeconds(10))) {
            while (!waiting.isEmpty() && !deadline.passed()) {
                waiting = ungranted(redis, waiting);
                if (!waiting.isEmpty()) {
                    deadline.pause(Duration.ofMillis(500));
                }
            }
        }
        return new Result(numbers.size(), numbers.size() - waiting.size(), (System.nanoTime() - start) / 1e9);
    }

    private List<String> ungranted(RedisClient redis, List<String> numbers) {
        String field = "program:" + options.programId();
        List<String> left = new ArrayList<>();
        for (int from = 0; from < numbers.size(); from += CHECK_CHUNK) {
            List<String> chunk = numbers.subList(from, Math.min(numbers.size(), from + CHECK_CHUNK));
            List<List<String>> commands = new ArrayList<>(chunk.size());
            chunk.forEach(n -> commands.add(List.of("HGET", "sms:consent:" + n, field)));
            List<Object> replies = redis.pipeline(commands);
            for (int i = 0; i < chunk.size(); i++) {
                Object reply = replies.get(i);
                if (!(reply instanceof String value) || !value.startsWith("G:")) {
                    left.add(chunk.get(i));
                }
            }
        }
        return left;
    }

    private ConsentChanged grant(int i, String number, Instant givenAt) {
        return new ConsentChanged("bench-" + runId + "-consent-" + i, ConsentAction.CONSENT_GRANTED, number,
                options.programId(), ConsentSource.IMPORT, null, null, "bench run " + runId, options.senderId(),
                false, Instant.now(), givenAt, "Yes, send me offers by SMS (bench)", null, "bench-import",
                "bench", false, null);
    }
}
