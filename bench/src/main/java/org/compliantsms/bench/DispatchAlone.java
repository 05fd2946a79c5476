package org.compliantsms.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.compliantsms.events.Category;
import org.compliantsms.events.DeliveryStatus;
import org.compliantsms.events.EventCodec;
import org.compliantsms.events.MessageApproved;
import org.compliantsms.events.MessageRequested;
import org.compliantsms.events.MessageStatus;
import org.compliantsms.events.Topics;
import org.compliantsms.events.text.SmsEncoding;

/**
 * Dispatch alone: N approvals produced straight onto sms.message-approved.v1 (as compliance would), timed until
 * each is SUBMITTED and until its receipt is matched (DELIVERED), with the dispatch process's CPU. Run with only
 * dispatch and the simulator up (docs/benchmarks.md, "Dispatch alone"):
 * {@code java -cp bench/target/bench.jar:$(cat bench/target/classpath.txt) org.compliantsms.bench.DispatchAlone N PID}
 */
public final class DispatchAlone {
    private DispatchAlone() {
    }

    private static final String BOOTSTRAP = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        long pid = Long.parseLong(args[1]);
        String run = Long.toString(System.currentTimeMillis(), 36);
        Random random = new Random();
        List<MessageApproved> approvals = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String number = "+3377" + String.format("%07d", random.nextInt(10_000_000));
            String body = "Your code is " + (100000 + random.nextInt(900000)) + " (" + i + ")";
            MessageRequested request = new MessageRequested("dalone-" + run + "-" + i, "bench-dispatch", null,
                    Category.TRANSACTIONAL, number, body, "ACME", "fr", null, null, Instant.now());
            SmsEncoding.Result e = SmsEncoding.of(body);
            Instant now = Instant.now();
            approvals.add(new MessageApproved(request, body, e.encoding(), e.segments(), false, now, now));
        }
        Set<String> submitted = new HashSet<>(), delivered = new HashSet<>();
        String prefix = "dalone-" + run + "-";
        try (KafkaConsumer<String, byte[]> statuses = KafkaClients.consumer(BOOTSTRAP, "dalone-" + run);
                KafkaProducer<String, byte[]> producer = KafkaClients.producer(BOOTSTRAP, "dalone-" + run)) {
            KafkaClients.assignAtEnd(statuses, List.of(Topics.MESSAGE_STATUS));
            long cpu0 = cpu(pid);
            long start = System.nanoTime();
            for (MessageApproved a : approvals) {
                producer.send(CloudEventRecords.of(a));
            }
            producer.flush();
            double produced = (System.nanoTime() - start) / 1e9;
            long lastSubmit = 0, lastDelivered = 0;
            long deadline = start + Duration.ofSeconds(300).toNanos();
            while ((submitted.size() < n || delivered.size() < n) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : statuses.poll(Duration.ofMillis(200))) {
                    MessageStatus s;
                    try {
                        s = EventCodec.decode(r.value(), MessageStatus.class);
                    } catch (RuntimeException notAStatus) {
                        continue;
                    }
                    if (!s.messageId().startsWith(prefix)) {
                        continue;
                    }
                    if (s.status() == DeliveryStatus.SUBMITTED && submitted.add(s.messageId())) {
                        lastSubmit = System.nanoTime();
                    }
                    if (s.status() == DeliveryStatus.DELIVERED && delivered.add(s.messageId())) {
                        lastDelivered = System.nanoTime();
                    }
                }
            }
            long cpu1 = cpu(pid);
            double toSubmit = (lastSubmit - start) / 1e9, toDelivered = (lastDelivered - start) / 1e9;
            System.out.printf("produced %d approvals in %.2f s%n", n, produced);
            System.out.printf("SUBMITTED %d in %.2f s: %.0f msg/s%n", submitted.size(), toSubmit,
                    submitted.size() / toSubmit);
            System.out.printf("DELIVERED (receipts matched) %d in %.2f s: %.0f msg/s%n", delivered.size(), toDelivered,
                    delivered.size() / toDelivered);
            System.out.printf("dispatch CPU %.3f core-ms per message%n", (cpu1 - cpu0) * 10.0 / n);
        }
    }

    /** utime + stime of the process, in clock ticks (100 per second here: getconf CLK_TCK). */
    static long cpu(long pid) throws Exception {
        String[] f = Files.readString(Path.of("/proc/" + pid + "/stat")).replaceAll("^.*\\) ", "").split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }
}
