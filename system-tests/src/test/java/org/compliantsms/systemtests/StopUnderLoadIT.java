package org.compliantsms.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.compliantsms.events.DeliveryStatus;
import org.compliantsms.events.MessageRejected;
import org.compliantsms.events.MessageRequested;
import org.compliantsms.events.MessageStatus;
import org.compliantsms.events.PhoneNumbers;
import org.compliantsms.events.RejectionReason;
import org.compliantsms.events.Topics;
import org.compliantsms.testing.RunningSystem;
import org.compliantsms.testing.SignedWebhook;
import org.compliantsms.testing.SimulatorAdmin;
import org.compliantsms.testing.TestNumbers;
import org.compliantsms.testing.TopicProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

/**
 * ARCHITECTURE 4.1 and 4.2 under load, the whole system with two replicas of compliance and of dispatch: a
 * 20,000-recipient MARKETING campaign runs at full speed while 500 of its recipients send STOP, half through the
 * signed webhook, half over SMPP. After a webhook's 2xx, or after an SMPP STOP's measured effect, the carrier gets
 * nothing more for that number but its one confirmation. Then every request is reconciled: one terminal outcome
 * each on the topics, the campaign report's counts, and what reached the simulator, exactly.
 */
class StopUnderLoadIT {
    static final int RECIPIENTS = 20_000;
    static final int OPT_OUTS = 500;
    /** Opt-outs go to recipients from this position on, so that most still have their message queued. */
    static final int FIRST_TARGET = 6_000;
    static final String BODY = "Winter sale: 20% off until Sunday.";
    static final Duration FINISH = Duration.ofMinutes(4);
    static RunningSystem system;
    static SimulatorAdmin carrier;
    static CampaignApi campaigns;

    @BeforeAll
    static void start() {
        system = RunningSystem.builder().replicas("compliance-service", 2).replicas("dispatch-service", 2)
                .logs("stop-under-load").start();
        carrier = new SimulatorAdmin(system.simulator.baseUrl());
        campaigns = new CampaignApi(system);
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void nothingReachesANumberAfterItsStopWhileACampaignRunsAndEveryRequestIsAccountedFor() throws Exception {
        List<String> numbers = freshNumbers(RECIPIENTS);
        List<String> targets = new ArrayList<>();
        int step = (RECIPIENTS - FIRST_TARGET) / OPT_OUTS;
        for (int i = 0; i < OPT_OUTS; i++) {
            targets.add(numbers.get(FIRST_TARGET + i * step));
        }
        campaigns.defineProgram();
        String campaignId = campaigns.draft(BODY);
        campaigns.uploadWithConsent(campaignId, numbers);
        Set<String> audience = Set.copyOf(numbers);
        OptOuts idle = idleBaseline();

        try (TopicProbe requests = TopicProbe.open(Topics.MESSAGE_REQUESTED);
                TopicProbe rejections = TopicProbe.open(Topics.MESSAGE_REJECTED);
                TopicProbe statuses = TopicProbe.open(Topics.MESSAGE_STATUS);
                OptOuts optOuts = new OptOuts(system)) {
            long started = System.nanoTime();
            campaigns.send(campaignId, null);
            awaitCarrierTotal(200, Duration.ofSeconds(120));
            long atFirstStop = carrier.total();
            long firstStop = System.nanoTime();
            for (int i = 0; i < targets.size(); i++) {
                if (i % 2 == 0) {
                    optOuts.webhookStop(targets.get(i));
                } else {
                    optOuts.smppStop(targets.get(i));
                }
            }
            optOuts.awaitAll(Duration.ofSeconds(120));
            double stopSeconds = (System.nanoTime() - firstStop) / 1e9;
            long atLastEffect = carrier.total();
            JsonPath report = campaigns.awaitFinished(campaignId, RECIPIENTS, FINISH);
            double seconds = (System.nanoTime() - started) / 1e9;

            Map<String, Instant> effective = optOuts.effectiveAt();
            assertEquals(OPT_OUTS, effective.size(), "every opt-out answered 2xx or took effect: " + optOuts.failures());
            Map<String, List<Map<String, Object>>> atCarrier = awaitConfirmations(audience, effective.keySet());

            // 4.1: after the acknowledgement (webhook) or the measured effect (SMPP), nothing but one confirmation
            int before = 0;
            int after = 0;
            for (Map.Entry<String, Instant> optOut : effective.entrySet()) {
                List<Map<String, Object>> messages = atCarrier.getOrDefault(optOut.getKey(), List.of());
                for (Map<String, Object> message : campaignMessages(messages)) {
                    if (receivedAt(message).isAfter(optOut.getValue())) {
                        after++;
                        System.out.printf("[stop-under-load] AFTER the opt-out of %s: %s%n",
                                PhoneNumbers.mask(optOut.getKey()), message.get("receivedAt"));
                    } else {
                        before++;
                    }
                }
                assertEquals(1, messages.size() - campaignMessages(messages).size(),
                        "one confirmation to " + PhoneNumbers.mask(optOut.getKey()));
            }
            // compliance rejects OPTED_OUT what it screens after the opt-out; dispatch's check right before the submit
            // blocks what compliance had approved before it
            long optedOut = rejections(report, "OPTED_OUT");
            long blocked = rejections(report, "BLOCKED_AT_DISPATCH");
            System.out.printf("[stop-under-load] %d recipients in %.1f s (%.0f msg/s end to end), 2 compliance and"
                    + " 2 dispatch replicas; %d opt-outs sent between carrier totals %d and %d: %d campaign messages"
                    + " reached an opted-out number before its acknowledgement, %d after; %d rejected OPTED_OUT by"
                    + " compliance, %d BLOCKED_AT_DISPATCH%n", RECIPIENTS, seconds, RECIPIENTS / seconds, OPT_OUTS,
                    atFirstStop, atLastEffect, before, after, optedOut, blocked);
            System.out.printf("[stop-under-load] under load: %s, %d opt-outs in %.1f s; %s; webhook p50 under load /"
                    + " idle = %.2f%n", optOuts.latencies(), OPT_OUTS, stopSeconds, idle.latencies(),
                    optOuts.webhookP50() / idle.webhookP50());
            assertEquals(0, after, "nothing but the confirmation after an opt-out took effect");
            assertEquals(OPT_OUTS - before, optedOut + blocked, "each opted-out number got its message before, or none");
            // Without this the test would prove nothing: the opt-outs must meet messages still queued.
            assertTrue(optedOut + blocked >= OPT_OUTS / 5, "the opt-outs came while the campaign ran: "
                    + (optedOut + blocked));

            reconcile(report, audience, atCarrier, requests, rejections, statuses, campaignId);
        }
    }

    /**
     * The same opt-outs on the same system before the campaign, idle: the baseline the latencies under load compare
     * with (this machine's speed varies from run to run).
     */
    private static OptOuts idleBaseline() throws InterruptedException {
        int count = 100;
        List<String> numbers = freshNumbers(count);
        long started = System.nanoTime();
        try (OptOuts optOuts = new OptOuts(system)) {
            for (int i = 0; i < count; i++) {
                if (i % 2 == 0) {
                    optOuts.webhookStop(numbers.get(i));
                } else {
                    optOuts.smppStop(numbers.get(i));
                }
            }
            optOuts.awaitAll(Duration.ofSeconds(60));
            assertEquals(count, optOuts.effectiveAt().size(), "idle opt-outs: " + optOuts.failures());
            System.out.printf("[stop-under-load] idle, before the campaign: %s, %d opt-outs in %.1f s%n",
                    optOuts.latencies(), count, (System.nanoTime() - started) / 1e9);
            return optOuts;
        }
    }

    /**
     * 4.2: every request has exactly one terminal outcome on the topics (a rejection with a reason, or the status of
     * its submit), the report counts the same, and the simulator got exactly the submitted ones, each once.
     */
    private static void reconcile(JsonPath report, Set<String> audience, Map<String, List<Map<String, Object>>> atCarrier,
            TopicProbe requests, TopicProbe rejections, TopicProbe statuses, String campaignId) {
        Set<String> requested = requests.awaitRecords(r -> audience.contains(r.key()), RECIPIENTS + OPT_OUTS,
                Duration.ofSeconds(60)).stream().map(r -> TopicProbe.decode(r, MessageRequested.class))
                .flatMap(java.util.Optional::stream).filter(r -> campaignId.equals(r.campaignId()))
                .map(MessageRequested::messageId).collect(Collectors.toSet());
        assertEquals(RECIPIENTS, requested.size(), "one request per recipient on " + Topics.MESSAGE_REQUESTED);
        long submitted = report.getLong("submitted");
        long rejected = report.getLong("rejected");
        assertEquals(RECIPIENTS, report.getLong("requested"));
        assertEquals(RECIPIENTS, submitted + rejected, "report: submitted + rejected = requested");
        assertEquals(0, report.getLong("unconfirmed"));
        assertEquals(submitted, report.getLong("delivered"), "every submitted message delivered (receipts on)");
        assertEquals(rejected, rejections(report, "OPTED_OUT") + rejections(report, "BLOCKED_AT_DISPATCH"),
                "only opt-outs rejected: " + report.getMap("rejections"));

        List<MessageRejected> rejectedEvents = rejections.awaitRecords(r -> audience.contains(r.key()), (int) rejected,
                Duration.ofSeconds(60)).stream().map(r -> TopicProbe.decode(r, MessageRejected.class))
                .flatMap(java.util.Optional::stream).filter(r -> campaignId.equals(r.campaignId())).toList();
        List<MessageStatus> statusEvents = statuses.awaitRecords(r -> audience.contains(r.key()), (int) (2 * (submitted + OPT_OUTS)),
                Duration.ofSeconds(60)).stream().map(r -> TopicProbe.decode(r, MessageStatus.class))
                .flatMap(java.util.Optional::stream).filter(s -> campaignId.equals(s.campaignId())).toList();
        Map<String, Set<String>> outcomes = new HashMap<>();
        for (MessageRejected r : rejectedEvents) {
            assertTrue(r.reason() == RejectionReason.OPTED_OUT || r.reason() == RejectionReason.BLOCKED_AT_DISPATCH,
                    r.reason().name());
            outcomes.computeIfAbsent(r.messageId(), id -> new LinkedHashSet<>()).add("REJECTED");
        }
        for (MessageStatus s : statusEvents) {
            if (s.status() != DeliveryStatus.DELIVERED) {
                outcomes.computeIfAbsent(s.messageId(), id -> new LinkedHashSet<>()).add(s.status().name());
            }
        }
        Map<String, Set<String>> notOne = outcomes.entrySet().stream().filter(e -> e.getValue().size() != 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertEquals(Map.of(), notOne, "exactly one terminal outcome per message");
        assertEquals(requested, outcomes.keySet(), "every request has its outcome on the topics, and only they");
        long submittedOnTopic = outcomes.values().stream().filter(o -> o.contains("SUBMITTED")).count();
        assertEquals(submitted, submittedOnTopic, "topic and report agree on SUBMITTED");

        long campaignAtCarrier = 0;
        for (String number : audience) {
            int received = campaignMessages(atCarrier.getOrDefault(number, List.of())).size();
            assertTrue(received <= 1, "no campaign message twice to " + PhoneNumbers.mask(number));
            campaignAtCarrier += received;
        }
        Set<String> rejectedNumbers = rejectedEvents.stream().map(MessageRejected::recipient).collect(Collectors.toSet());
        long missing = audience.stream().filter(n -> !rejectedNumbers.contains(n))
                .filter(n -> campaignMessages(atCarrier.getOrDefault(n, List.of())).isEmpty()).count();
        System.out.printf("[stop-under-load] reconciled: %d requested = %d submitted + %d rejected (report) ="
                + " %d outcomes on the topics; %d campaign messages at the carrier, %d missing%n", RECIPIENTS, submitted,
                rejected, outcomes.size(), campaignAtCarrier, missing);
        assertEquals(submitted, campaignAtCarrier, "the carrier got exactly the submitted messages");
        assertEquals(0, missing, "every recipient not rejected reached the carrier");
    }

    private static long rejections(JsonPath report, String reason) {
        Number count = report.get("rejections." + reason);
        return count == null ? 0 : count.longValue();
    }

    /** What the carrier got for the audience, once every opted-out number has its confirmation. */
    private static Map<String, List<Map<String, Object>>> awaitConfirmations(Set<String> audience,
            Set<String> optedOut) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            Map<String, List<Map<String, Object>>> byNumber = carrier.allMessages().stream()
                    .filter(m -> audience.contains((String) m.get("to")))
                    .collect(Collectors.groupingBy(m -> (String) m.get("to")));
            long confirmed = optedOut.stream().filter(n -> byNumber.getOrDefault(n, List.of()).stream()
                    .anyMatch(m -> !isCampaignMessage(m))).count();
            if (confirmed == optedOut.size() || Instant.now().isAfter(deadline)) {
                return byNumber;
            }
            sleep(500);
        }
    }

    private static List<Map<String, Object>> campaignMessages(List<Map<String, Object>> messages) {
        return messages.stream().filter(StopUnderLoadIT::isCampaignMessage).toList();
    }

    private static boolean isCampaignMessage(Map<String, Object> message) {
        return String.valueOf(message.get("text")).startsWith(BODY);
    }

    static Instant receivedAt(Map<String, Object> message) {
        Object at = message.get("receivedAt");
        if (at instanceof Number seconds) {
            return Instant.ofEpochSecond(0, Math.round(seconds.doubleValue() * 1e9));
        }
        return Instant.parse(String.valueOf(at));
    }

    /** Distinct numbers no earlier run opted out (the platform keeps them): each test owns its data. */
    static List<String> freshNumbers(int count) {
        return TestNumbers.unknownToTheIndex(system.serviceEnvironment().get("QUARKUS_REDIS_HOSTS"), count);
    }

    private static void awaitCarrierTotal(long total, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (carrier.total() < total) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the carrier saw " + carrier.total() + " messages, expected " + total);
            }
            sleep(20);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The opt-outs and when each took effect: a webhook STOP when its 2xx came back (the promise), an SMPP STOP when
     * the Redis suppression index that dispatch reads right before each submit holds it and no submit to the number
     * that read the index before it is still in flight (the services' send fence, {@code sms:inflight:<E.164>}): the
     * same definition as the bench's.
     */
    static final class OptOuts implements AutoCloseable {
        private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final RunningSystem system;
        private final SimulatorAdmin carrier;
        private final String redis;
        private final ExecutorService webhooks = Executors.newFixedThreadPool(8);
        private final ExecutorService smpp = Executors.newFixedThreadPool(8);
        private final Map<String, Instant> effectiveAt = new ConcurrentHashMap<>();
        private final Map<String, Long> webhookNanos = new ConcurrentHashMap<>();
        private final Map<String, Long> smppNanos = new ConcurrentHashMap<>();
        private final Map<String, String> failures = new ConcurrentHashMap<>();

        OptOuts(RunningSystem system) {
            this.system = system;
            this.carrier = new SimulatorAdmin(system.simulator.baseUrl());
            this.redis = system.serviceEnvironment().get("QUARKUS_REDIS_HOSTS");
        }

        void webhookStop(String number) {
            webhooks.submit(() -> {
                String body = "{\"messageId\":\"SM" + UUID.randomUUID() + "\",\"from\":\"" + number + "\",\"to\":\""
                        + RunningSystem.SHORT_CODE + "\",\"text\":\"STOP\"}";
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(system.inbound.baseUrl()
                        + "/webhooks/inbound/" + RunningSystem.WEBHOOK_ACCOUNT)).timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
                SignedWebhook.headers(RunningSystem.WEBHOOK_SECRET, body).forEach(request::header);
                long sent = System.nanoTime();
                try {
                    HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
                    Instant answered = Instant.now();
                    if (answer.statusCode() / 100 == 2) {
                        webhookNanos.put(number, System.nanoTime() - sent);
                        effectiveAt.put(number, answered);
                    } else {
                        failures.put(PhoneNumbers.mask(number), "webhook " + answer.statusCode() + " " + answer.body());
                    }
                } catch (IOException | InterruptedException e) {
                    failures.put(PhoneNumbers.mask(number), "webhook " + e);
                }
            });
        }

        void smppStop(String number) {
            smpp.submit(() -> {
                long injected = System.nanoTime();
                int status = carrier.inject(number, RunningSystem.SHORT_CODE, "STOP");
                if (status != 202) {
                    failures.put(PhoneNumbers.mask(number), "inject " + status);
                    return;
                }
                Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
                while (!effective(number)) {
                    if (Instant.now().isAfter(deadline)) {
                        failures.put(PhoneNumbers.mask(number), "SMPP STOP not effective in 30 s");
                        return;
                    }
                    sleep(10);
                }
                smppNanos.put(number, System.nanoTime() - injected);
                effectiveAt.put(number, Instant.now());
            });
        }

        private boolean effective(String number) {
            String entry = org.compliantsms.testing.RedisCommands.call(redis, "HGET", "sms:suppression:" + number,
                    org.compliantsms.events.SuppressionScope.program(RunningSystem.PROGRAM));
            return entry != null && entry.startsWith("1:")
                    && "0".equals(org.compliantsms.testing.RedisCommands.call(redis, "EXISTS", "sms:inflight:" + number));
        }

        void awaitAll(Duration timeout) throws InterruptedException {
            webhooks.shutdown();
            smpp.shutdown();
            long deadline = System.nanoTime() + timeout.toNanos();
            webhooks.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
            smpp.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }

        Map<String, Instant> effectiveAt() {
            return Map.copyOf(effectiveAt);
        }

        Map<String, String> failures() {
            return Map.copyOf(failures);
        }

        double webhookP50() {
            return percentile(webhookNanos, 50);
        }

        String latencies() {
            return String.format("webhook STOP to 2xx p50 %.1f ms, p99 %.1f ms; SMPP STOP to effect p50 %.1f ms,"
                    + " p99 %.1f ms", percentile(webhookNanos, 50), percentile(webhookNanos, 99),
                    percentile(smppNanos, 50), percentile(smppNanos, 99));
        }

        private static double percentile(Map<String, Long> nanos, int percentile) {
            List<Long> sorted = nanos.values().stream().sorted().toList();
            if (sorted.isEmpty()) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
            return sorted.get(Math.max(0, index)) / 1e6;
        }

        @Override
        public void close() {
            webhooks.shutdownNow();
            smpp.shutdownNow();
        }
    }
}
