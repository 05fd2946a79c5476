package org.compliantsms.bench;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.KafkaProducer;

/** Produces the run's MessageRequested events as fast as a tuned producer can; requestedAt = produce time. */
public final class LoadGenerator {
    private final BenchOptions options;

    public LoadGenerator(BenchOptions options) {
        this.options = options;
    }

    /**
     * @param produced requests handed to the producer (messages with index below this were sent)
     * @param firstProduceMicros requestedAt of the first message
     * @param lastAckMicros when the broker acknowledged the last one
     */
    public record Result(int planned, int produced, int acked, int failed, long firstProduceMicros,
            long lastAckMicros, String firstError) {
        public boolean complete() {
            return acked == planned;
        }

        public Double ratePerSecond() {
            double seconds = (lastAckMicros - firstProduceMicros) / 1e6;
            return acked == 0 || seconds <= 0 ? null : Math.round(acked / seconds * 10) / 10.0;
        }
    }

    public Result produce(BenchMessages messages, Ledger ledger, Deadline deadline) {
        AtomicInteger acked = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicLong lastAck = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        long first = 0;
        int produced = 0;
        try (KafkaProducer<String, byte[]> producer = KafkaClients.producer(options.kafkaBootstrap(), "bench-load")) {
            for (int i = 0; i < messages.size() && !deadline.passed(); i++) {
                Instant now = Instant.now();
                long micros = Clock.micros(now);
                if (first == 0) {
                    first = micros;
                }
                ledger.requested(i, micros);
                producer.send(CloudEventRecords.of(messages.request(i, now)), (metadata, error) -> {
                    if (error == null) {
                        acked.incrementAndGet();
                        lastAck.accumulateAndGet(Clock.nowMicros(), Math::max);
                    } else {
                        failed.incrementAndGet();
                        firstError.compareAndSet(null, error.toString());
                    }
                });
                produced++;
            }
            producer.flush();
        }
        return new Result(messages.size(), produced, acked.get(), failed.get(), first, lastAck.get(),
                firstError.get());
    }
}
