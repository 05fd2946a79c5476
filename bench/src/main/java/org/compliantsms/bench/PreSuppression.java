package org.compliantsms.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.compliantsms.events.ConsentAction;
import org.compliantsms.events.ConsentChanged;
import org.compliantsms.events.ConsentSource;
import org.compliantsms.events.EventCodec;
import org.compliantsms.events.SuppressionScope;
import org.compliantsms.events.Topics;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Opts recipients out before the run, as another team's API would (ConsentChanged OPT_OUT, source API), and waits
 * until compliance has published each one's SuppressionState: from then on their messages must end OPTED_OUT.
 */
public final class PreSuppression {
    private final BenchOptions options;
    private final String runId;

    public PreSuppression(BenchOptions options, String runId) {
        this.options = options;
        this.runId = runId;
    }

    /** @param confirmed the numbers whose suppression compliance published before the deadline */
    public record Result(int requested, Set<String> confirmed, double seconds) {
        public boolean complete() {
            return confirmed.size() == requested;
        }
    }

    public Result run(List<String> numbers, Deadline deadline) {
        long start = System.nanoTime();
        String scope = SuppressionScope.program(options.programId());
        Map<String, String> numberByKey = new HashMap<>();
        numbers.forEach(n -> numberByKey.put(scope + ":" + n, n));
        Set<String> confirmed = new HashSet<>();
        try (KafkaConsumer<String, byte[]> consumer = KafkaClients.consumer(options.kafkaBootstrap(),
                "bench-suppression");
                KafkaProducer<String, byte[]> producer = KafkaClients.producer(options.kafkaBootstrap(),
                        "bench-consent")) {
            KafkaClients.assignAtEnd(consumer, List.of(Topics.SUPPRESSION));
            for (int i = 0; i < numbers.size(); i++) {
                producer.send(CloudEventRecords.of(optOut(i, numbers.get(i))));
            }
            producer.flush();
            Log.info("pre-suppression: %,d opt-outs produced, waiting for compliance's SuppressionState",
                    numbers.size());
            while (confirmed.size() < numbers.size() && !deadline.passed()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    String number = numberByKey.get(record.key());
                    if (number != null && suppressed(record.value())) {
                        confirmed.add(number);
                    }
                }
            }
        }
        return new Result(numbers.size(), confirmed, (System.nanoTime() - start) / 1e9);
    }

    private ConsentChanged optOut(int i, String number) {
        return new ConsentChanged("bench-" + runId + "-optout-" + i, ConsentAction.OPT_OUT, number,
                options.programId(), ConsentSource.API, null, null, "bench run " + runId, options.senderId(), false,
                Instant.now());
    }

    private static boolean suppressed(byte[] value) {
        try {
            JsonNode tree = EventCodec.mapper().readTree(value);
            return tree != null && tree.path("suppressed").asBoolean(false);
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
