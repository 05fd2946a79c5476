package org.compliantsms.systemtests;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.compliantsms.events.DeliveryStatus;
import org.compliantsms.events.MessageRejected;
import org.compliantsms.events.MessageRequested;
import org.compliantsms.events.MessageStatus;
import org.compliantsms.events.RejectionReason;
import org.compliantsms.events.SuppressionScope;
import org.compliantsms.events.SuppressionState;
import org.compliantsms.events.Topics;
import org.compliantsms.testing.KafkaBrokerProcess;
import org.compliantsms.testing.RedisCommands;
import org.compliantsms.testing.RedisServerProcess;
import org.compliantsms.testing.RunningSystem;
import org.compliantsms.testing.ServiceProcess;
import org.compliantsms.testing.SignedWebhook;
import org.compliantsms.testing.SimulatorAdmin;
import org.compliantsms.testing.TestNumbers;
import org.compliantsms.testing.TestTokens;
import org.compliantsms.testing.TopicProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Issue 11, item 4 (Kafka) and item 6, on a Kafka broker and a Redis of the test's own (the only ones it stops or
 * flushes), with two dispatch replicas (the group rebalances when the broker comes back):
 * <ul>
 * <li>the broker is killed mid-campaign and started again 20 s later on the same data: without touching a service,
 * every recipient gets the message exactly once, each message has one terminal outcome, the report agrees, and
 * readiness went DOWN and came back UP by itself;</li>
 * <li>Redis is flushed: the services notice (the completeness markers are gone), rebuild the suppression index from
 * the compacted sms.suppression.v1 and the consent index from the ledger, the keys are the same field by field, and
 * a campaign sent at once treats every number as before.</li>
 * </ul>
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrokerRestartAndRedisRebuildIT {
    static final Duration TIMEOUT = Duration.ofSeconds(90);
    static final int RECIPIENTS = 150;
    static final int RATE = 10;
    static final Duration OUTAGE = Duration.ofSeconds(20);
    static final String SENDER = TestTokens.token("campaign-sender", RunningSystem.PROGRAM);
    static final String OFFICER = TestTokens.token("compliance-officer");
    static final String ADMIN = TestTokens.token("admin");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    static KafkaBrokerProcess broker;
    static RedisServerProcess redis;
    static RunningSystem system;
    static SimulatorAdmin carrier;

    @BeforeAll
    static void start() {
        broker = KafkaBrokerProcess.start();
        redis = RedisServerProcess.start();
        system = RunningSystem.builder().kafka(broker.bootstrap()).redis(redis.url())
                .replicas("dispatch-service", 2).logs("broker").start();
        carrier = new SimulatorAdmin(system.simulator.baseUrl());
        defineProgram();
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
        if (redis != null) {
            redis.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    @Order(1)
    void aBrokerRestartMidCampaignLosesNothingAndDuplicatesNothing() throws Exception {
        List<String> numbers = distinctNumbers(RECIPIENTS);
        grantConsents(numbers);
        ReadinessWatch watch = new ReadinessWatch(kafkaClients());
        try (TopicProbe requested = TopicProbe.open(Topics.MESSAGE_REQUESTED, broker.bootstrap());
                TopicProbe statuses = TopicProbe.open(Topics.MESSAGE_STATUS, broker.bootstrap())) {
            watch.start();
            Instant sent = Instant.now();
            String campaign = createCampaign(numbers, RATE);
            awaitAtCarrier(numbers, RECIPIENTS / 4, TIMEOUT);
            long beforeStop = atCarrier(numbers);
            Instant stopped = Instant.now();
            broker.stop();
            Thread.sleep(OUTAGE.toMillis());
            long duringOutage = atCarrier(numbers) - beforeStop;
            Instant restarting = Instant.now();
            broker.startAgain();
            Instant restarted = Instant.now();
            long atRestart = atCarrier(numbers);
            Instant resumed = awaitAtCarrier(numbers, (int) Math.min(RECIPIENTS, atRestart + 1), TIMEOUT);
            awaitReport(campaign, RECIPIENTS, 0);
            Instant complete = Instant.now();
            watch.awaitAllUp(Duration.ofSeconds(30));
            watch.stop();

            // every recipient exactly once at the carrier
            Set<String> ours = Set.copyOf(numbers);
            Map<String, Long> byNumber = carrier.allMessages().stream().map(m -> (String) m.get("to"))
                    .filter(ours::contains).collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            List<String> missing = numbers.stream().filter(n -> !byNumber.containsKey(n)).map(TestNumbersMask::mask)
                    .toList();
            Map<String, Long> twice = byNumber.entrySet().stream().filter(e -> e.getValue() > 1)
                    .collect(Collectors.toMap(e -> TestNumbersMask.mask(e.getKey()), Map.Entry::getValue));

            // every message exactly one terminal outcome (DELIVERED, from the simulator's receipts)
            List<MessageRequested> requests = requested.eventsDuring(MessageRequested.class,
                    r -> campaign.equals(r.campaignId()), Duration.ofMillis(500));
            Set<String> ids = requests.stream().map(MessageRequested::messageId).collect(Collectors.toSet());
            List<MessageStatus> seen = statuses.eventsDuring(MessageStatus.class, s -> ids.contains(s.messageId()),
                    Duration.ofSeconds(2));
            Map<String, Set<DeliveryStatus>> terminal = seen.stream()
                    .filter(s -> s.status() != DeliveryStatus.SUBMITTED)
                    .collect(Collectors.groupingBy(MessageStatus::messageId,
                            Collectors.mapping(MessageStatus::status, Collectors.toSet())));
            long notOneOutcome = ids.stream().filter(id -> !Set.of(DeliveryStatus.DELIVERED)
                    .equals(terminal.get(id))).count();
            long statusRecords = seen.size();
            // At least once: a status published again after the outage is the same (message, status) pair, which
            // the campaign's report stores once; counted here to show it.
            long repeatedStatuses = statusRecords - seen.stream().map(st -> st.messageId() + "/" + st.status())
                    .distinct().count();
            JsonPath report = report(campaign);

            System.out.printf("[broker] %d recipients at %d/s; broker killed (SIGKILL) for %d s once %d had reached"
                    + " the carrier (%.1f s after the campaign); %d more reached it during the outage, %d after;"
                    + " the broker was serving again %.1f s after its start; the first message after it reached the"
                    + " carrier %.1f s later; the campaign completed %.1f s after the restart (%.1f s in all)%n",
                    RECIPIENTS, RATE, OUTAGE.toSeconds(), beforeStop, seconds(sent, stopped), duringOutage,
                    RECIPIENTS - beforeStop - duringOutage, seconds(restarting, restarted), seconds(restarted, resumed),
                    seconds(restarted, complete), seconds(sent, complete));
            System.out.printf("[broker] readiness (DOWN after the kill, UP after the restart began): %s%n",
                    watch.summary(stopped, restarting));
            System.out.printf("[broker] %d requests (%d ids), %d status records (%d the same status of a message"
                    + " again), report %s%n", requests.size(), ids.size(), statusRecords, repeatedStatuses,
                    report.getMap(""));
            assertEquals(List.of(), missing, "no recipient lost");
            assertEquals(Map.of(), twice, "no recipient reached twice");
            assertEquals(RECIPIENTS, ids.size(), "one message per recipient");
            assertEquals(0, notOneOutcome, "every message exactly one terminal outcome, DELIVERED");
            assertEquals(RECIPIENTS, report.getInt("outcomes.DELIVERED"));
            watch.assertWentDownAndCameBack(stopped, restarting);
        } finally {
            watch.stop();
        }
    }

    @Test
    @Order(2)
    void aFlushedRedisIsRebuiltAndEveryNumberIsTreatedAsBefore() throws Exception {
        String webStop = TestNumbers.frenchMobile();
        String smppStop = TestNumbers.frenchMobile();
        String stopAll = TestNumbers.frenchMobile();
        String stopThenStart = TestNumbers.frenchMobile();
        String consented = TestNumbers.frenchMobile();
        String csvConsented = TestNumbers.frenchMobile();
        String withdrawn = TestNumbers.frenchMobile();
        List<String> all = List.of(webStop, smppStop, stopAll, stopThenStart, consented, csvConsented, withdrawn);
        // by role, so that a failure names no number
        Map<String, String> roles = new LinkedHashMap<>();
        roles.put(webStop, "STOP by webhook");
        roles.put(smppStop, "STOP by SMPP");
        roles.put(stopAll, "STOP ALL");
        roles.put(stopThenStart, "STOP, START, consent again");
        roles.put(consented, "consent by API");
        roles.put(csvConsented, "consent by CSV");
        roles.put(withdrawn, "consent withdrawn");
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("STOP by webhook", RejectionReason.OPTED_OUT.name());
        expected.put("STOP by SMPP", RejectionReason.OPTED_OUT.name());
        expected.put("STOP ALL", RejectionReason.OPTED_OUT.name());
        expected.put("STOP, START, consent again", "DELIVERED");
        expected.put("consent by API", "DELIVERED");
        expected.put("consent by CSV", "DELIVERED");
        expected.put("consent withdrawn", RejectionReason.NO_CONSENT.name());

        // consents: through the API (one each) and a CSV import
        for (String number : List.of(webStop, smppStop, stopAll, stopThenStart, consented, withdrawn)) {
            grantConsent(number);
        }
        grantConsents(List.of(csvConsented));
        String first = createCampaign(all, 0);
        awaitReport(first, all.size(), 0);

        // the state: opt-outs by webhook and by SMPP, an opt-out of everything, an opt-in after a STOP (and a new
        // consent), a withdrawn consent
        try (TopicProbe suppression = TopicProbe.open(Topics.SUPPRESSION, broker.bootstrap())) {
            webhook(webStop, "STOP", "OPT_OUT");
            assertEquals(202, carrier.inject(smppStop, RunningSystem.SHORT_CODE, "STOP"));
            webhook(stopAll, "STOP ALL", "OPT_OUT_ALL");
            webhook(stopThenStart, "STOP", "OPT_OUT");
            String program = SuppressionScope.program(RunningSystem.PROGRAM);
            awaitSuppression(suppression, webStop, program, true);
            awaitSuppression(suppression, smppStop, program, true);
            awaitSuppression(suppression, stopAll, SuppressionScope.GLOBAL, true);
            awaitSuppression(suppression, stopThenStart, program, true);
            webhook(stopThenStart, "START", "OPT_IN");
            awaitSuppression(suppression, stopThenStart, program, false);
        }
        grantConsent(stopThenStart);
        given().baseUri(system.compliance.baseUrl()).auth().oauth2(OFFICER).contentType(ContentType.JSON)
                .body("{\"recipient\":\"" + withdrawn + "\",\"programId\":\"" + RunningSystem.PROGRAM
                        + "\",\"source\":\"API\"}")
                .post("/consents/revocations").then().statusCode(201);

        // how the system treats each number before the flush
        Map<String, String> before;
        try (TopicProbe rejected = TopicProbe.open(Topics.MESSAGE_REJECTED, broker.bootstrap())) {
            before = treatment(roles, rejected, 4, 3);
        }
        assertEquals(expected, before, "the state built as meant");
        Map<String, Long> messagesBefore = quietCarrierCounts(all);

        Map<String, Object> snapshot = indexes();
        long suppressionKeys = snapshot.keySet().stream().filter(k -> k.startsWith("sms:suppression:")).count();
        long consentKeys = snapshot.size() - suppressionKeys;
        for (String number : List.of(webStop, smppStop, stopAll, stopThenStart)) {
            assertTrue(snapshot.containsKey("sms:suppression:" + number), roles.get(number) + ": in the index");
        }
        for (String marker : List.of("sms:suppression:complete", "sms:consent:complete",
                "sms:suppression:erased-loaded")) {
            assertEquals(RedisCommands.runId(redis.url()), snapshot.get(marker), marker + " before the flush");
        }

        // FLUSHALL: the markers go with everything else; the services notice at their next check (every second)
        ReadinessWatch watch = new ReadinessWatch(redisClients());
        watch.start();
        Instant flushed = Instant.now();
        assertEquals("OK", RedisCommands.call(redis.url(), "FLUSHALL"));
        Map<String, String> after;
        Instant rebuilt;
        try (TopicProbe rejected = TopicProbe.open(Topics.MESSAGE_REJECTED, broker.bootstrap())) {
            // the campaign right away: its messages race the rebuild, and must wait for it (fail closed)
            String third = createCampaign(all, 0);
            rebuilt = awaitMarkers(Duration.ofSeconds(60));
            watch.awaitAllUp(Duration.ofSeconds(30));
            Instant allUp = Instant.now();
            watch.stop();
            Map<String, Object> again = indexes();
            System.out.printf("[rebuild] %d suppression keys, %d consent keys before the flush; markers back %.2f s"
                    + " after FLUSHALL, every replica ready %.2f s after it; readiness: %s%n", suppressionKeys,
                    consentKeys, seconds(flushed, rebuilt), seconds(flushed, allUp), watch.summary(flushed, rebuilt));
            List<String> lost = snapshot.keySet().stream().filter(k -> !again.containsKey(k))
                    .map(TestNumbersMask::maskKey).toList();
            List<String> extra = again.keySet().stream().filter(k -> !snapshot.containsKey(k))
                    .map(TestNumbersMask::maskKey).toList();
            List<String> changed = snapshot.keySet().stream().filter(again::containsKey)
                    .filter(k -> !snapshot.get(k).equals(again.get(k))).map(TestNumbersMask::maskKey).toList();
            System.out.printf("[rebuild] after the rebuild: %d keys lost, %d new, %d with other fields or values%n",
                    lost.size(), extra.size(), changed.size());
            assertEquals(List.of(), lost, "no key lost by the rebuild");
            assertEquals(List.of(), extra, "no key the rebuild added");
            assertEquals(List.of(), changed, "every key the same field by field");
            after = treatmentOf(third, roles, rejected, 4, 3);
        }
        assertEquals(before, after, "every number treated as before the flush");
        Map<String, Long> messagesAfter = quietCarrierCounts(all);
        for (String number : all) {
            String role = roles.get(number);
            long more = messagesAfter.get(number) - messagesBefore.get(number);
            assertEquals("DELIVERED".equals(before.get(role)) ? 1 : 0, more, role + " (" + before.get(role)
                    + "): messages at the carrier after the flush");
        }
    }

    // ---------------------------------------------------------------- the state and its checks

    /** The suppression and consent keys the services keep in Redis (the keys of a load in progress aside). */
    static Map<String, Object> indexes() {
        Map<String, Object> keys = new TreeMap<>(RedisCommands.snapshot(redis.url(), "sms:suppression:*"));
        keys.putAll(RedisCommands.snapshot(redis.url(), "sms:consent:*"));
        keys.keySet().removeIf(key -> key.endsWith(":rebuild-lock") || key.equals("sms:suppression:erased-loading"));
        return keys;
    }

    /** Waits until the three completeness markers hold the server's run_id again. */
    static Instant awaitMarkers(Duration timeout) {
        String runId = RedisCommands.runId(redis.url());
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            boolean complete = true;
            for (String marker : List.of("sms:suppression:complete", "sms:consent:complete",
                    "sms:suppression:erased-loaded")) {
                complete &= runId.equals(RedisCommands.call(redis.url(), "GET", marker));
            }
            if (complete) {
                return Instant.now();
            }
            assertTrue(Instant.now().isBefore(deadline), "the indexes were not rebuilt within " + timeout);
            sleep(20);
        }
    }

    /**
     * A campaign to the numbers of {@code roles} and what became of each, by role: DELIVERED or the reason of its
     * rejection on sms.message-rejected.v1.
     */
    static Map<String, String> treatment(Map<String, String> roles, TopicProbe rejected, int rejectedCount,
            int deliveredCount) {
        return treatmentOf(createCampaign(List.copyOf(roles.keySet()), 0), roles, rejected, rejectedCount,
                deliveredCount);
    }

    static Map<String, String> treatmentOf(String campaign, Map<String, String> roles, TopicProbe rejected,
            int rejectedCount, int deliveredCount) {
        awaitReport(campaign, deliveredCount, rejectedCount);
        Map<String, String> byRole = new LinkedHashMap<>();
        roles.values().forEach(role -> byRole.put(role, "DELIVERED"));
        rejected.awaitEvents(MessageRejected.class, r -> campaign.equals(r.campaignId()), rejectedCount, TIMEOUT)
                .forEach(r -> byRole.put(roles.getOrDefault(r.recipient(), "another number"), r.reason().name()));
        return byRole;
    }

    /** Messages at the carrier per number once nothing more arrives for 2 s (confirmations of keywords included). */
    static Map<String, Long> quietCarrierCounts(List<String> numbers) {
        Map<String, Long> last = carrierCounts(numbers);
        Instant stableSince = Instant.now();
        while (Duration.between(stableSince, Instant.now()).toMillis() < 2000) {
            sleep(250);
            Map<String, Long> now = carrierCounts(numbers);
            if (!now.equals(last)) {
                last = now;
                stableSince = Instant.now();
            }
        }
        return last;
    }

    static Map<String, Long> carrierCounts(List<String> numbers) {
        Map<String, Long> counts = new LinkedHashMap<>();
        numbers.forEach(n -> counts.put(n, (long) carrier.messagesTo(n).size()));
        return counts;
    }

    static void awaitSuppression(TopicProbe suppression, String number, String scope, boolean suppressed) {
        suppression.awaitEvent(SuppressionState.class, s -> s.recipient().equals(number) && s.scope().equals(scope)
                && s.suppressed() == suppressed, TIMEOUT);
    }

    /** A reply through the carrier's signed JSON webhook, answered once durable and effective. */
    static void webhook(String from, String text, String action) {
        String body = "{\"messageId\":\"SM" + UUID.randomUUID() + "\",\"from\":\"" + from + "\",\"to\":\""
                + RunningSystem.SHORT_CODE + "\",\"text\":\"" + text + "\"}";
        given().baseUri(system.inbound.baseUrl()).contentType(ContentType.JSON)
                .headers(SignedWebhook.headers(RunningSystem.WEBHOOK_SECRET, body)).body(body)
                .post("/webhooks/inbound/" + RunningSystem.WEBHOOK_ACCOUNT).then().statusCode(200)
                .body("action", equalTo(action));
    }

    // ---------------------------------------------------------------- campaigns

    static void defineProgram() {
        given().baseUri(system.campaign.baseUrl()).auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"category\":\"MARKETING\",\"senders\":[{\"type\":\"SHORT_CODE\",\"value\":\""
                        + RunningSystem.SHORT_CODE + "\"}]}")
                .put("/programs/" + RunningSystem.PROGRAM).then().statusCode(200);
    }

    static void grantConsent(String number) {
        given().baseUri(system.compliance.baseUrl()).auth().oauth2(OFFICER).contentType(ContentType.JSON)
                .body("{\"recipient\":\"" + number + "\",\"programId\":\"" + RunningSystem.PROGRAM
                        + "\",\"source\":\"WEB_FORM\",\"shownText\":\"Yes, send me ACME offers by SMS\"}")
                .post("/consents").then().statusCode(201);
    }

    /** Marketing consents by CSV import (docs/compliance.md), one row per number. */
    static void grantConsents(List<String> numbers) {
        StringBuilder csv = new StringBuilder("number,program_id,action,shown_text\n");
        numbers.forEach(n -> csv.append(n).append(',').append(RunningSystem.PROGRAM)
                .append(",GRANT,Yes send me ACME offers by SMS\n"));
        given().baseUri(system.compliance.baseUrl()).auth().oauth2(OFFICER).contentType("text/csv")
                .body(csv.toString()).post("/consents/import").then().statusCode(200)
                .body("applied", equalTo(numbers.size())).body("rejected", equalTo(0));
    }

    /** A MARKETING campaign; {@code ratePerSecond} 0 sends at once. */
    static String createCampaign(List<String> recipients, int ratePerSecond) {
        String body = "{\"programId\":\"" + RunningSystem.PROGRAM + "\",\"senderId\":\"" + RunningSystem.SHORT_CODE
                + "\",\"body\":\"Winter sale: 20% off until Sunday.\","
                + (ratePerSecond > 0 ? "\"ratePerSecond\":" + ratePerSecond + "," : "")
                + "\"recipients\":[\"" + String.join("\",\"", recipients) + "\"]}";
        return given().baseUri(system.campaign.baseUrl()).auth().oauth2(SENDER).contentType(ContentType.JSON)
                .body(body).post("/campaigns").then().statusCode(201).extract().path("id");
    }

    static JsonPath report(String campaign) {
        return given().baseUri(system.campaign.baseUrl()).auth().oauth2(SENDER).get("/campaigns/" + campaign)
                .then().statusCode(200).extract().jsonPath();
    }

    /** Waits until the campaign's report has {@code delivered} DELIVERED and {@code rejected} rejections, nothing open. */
    static void awaitReport(String campaign, int delivered, int rejected) {
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (true) {
            JsonPath report = report(campaign);
            Map<String, Integer> rejections = report.getMap("rejections");
            int rejectedNow = rejections == null ? 0 : rejections.values().stream().mapToInt(Integer::intValue).sum();
            Integer deliveredNow = report.get("outcomes.DELIVERED");
            Integer submittedNow = report.get("outcomes.SUBMITTED");
            if (deliveredNow != null && deliveredNow == delivered && (submittedNow == null || submittedNow == 0)
                    && rejectedNow == rejected) {
                return;
            }
            assertTrue(Instant.now().isBefore(deadline), "campaign " + campaign + " not done within " + TIMEOUT
                    + ": " + report.getMap(""));
            sleep(250);
        }
    }

    static long atCarrier(List<String> numbers) {
        Set<String> ours = Set.copyOf(numbers);
        return carrier.allMessages().stream().filter(m -> ours.contains((String) m.get("to"))).count();
    }

    static Instant awaitAtCarrier(List<String> numbers, int count, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (atCarrier(numbers) < count) {
            assertTrue(Instant.now().isBefore(deadline), "fewer than " + count + " at the carrier within " + timeout);
            sleep(100);
        }
        return Instant.now();
    }

    static List<String> distinctNumbers(int count) {
        Set<String> numbers = new LinkedHashSet<>();
        while (numbers.size() < count) {
            numbers.add(TestNumbers.frenchMobile());
        }
        return new ArrayList<>(numbers);
    }

    // ---------------------------------------------------------------- readiness

    /** The replicas that read Kafka (every service but the simulator). */
    static List<ServiceProcess> kafkaClients() {
        List<ServiceProcess> clients = new ArrayList<>();
        for (String module : List.of("compliance-service", "dispatch-service", "inbound-service",
                "campaign-service")) {
            clients.addAll(system.replicas(module));
        }
        return clients;
    }

    /** The replicas whose readiness includes the Redis indexes (campaign-service keeps none). */
    static List<ServiceProcess> redisClients() {
        List<ServiceProcess> clients = new ArrayList<>();
        for (String module : List.of("compliance-service", "dispatch-service", "inbound-service")) {
            clients.addAll(system.replicas(module));
        }
        return clients;
    }

    /**
     * Polls each replica's readiness every 100 ms in the background: when it went down and up again. Not ready is a
     * 503 or no answer within 1 s, as a Kubernetes readiness probe (timeoutSeconds 1, deploy/k8s) counts it; both
     * are counted apart.
     */
    static final class ReadinessWatch {
        private final List<ServiceProcess> replicas;
        private final Map<String, List<Instant>> downs = new ConcurrentHashMap<>();
        private final Map<String, List<Instant>> ups = new ConcurrentHashMap<>();
        private final Map<String, Boolean> current = new ConcurrentHashMap<>();
        private final Map<String, Integer> refused = new ConcurrentHashMap<>();
        private final Map<String, Integer> unanswered = new ConcurrentHashMap<>();
        private volatile boolean running;
        private Thread thread;

        ReadinessWatch(List<ServiceProcess> replicas) {
            this.replicas = replicas;
        }

        void start() {
            running = true;
            thread = new Thread(() -> {
                while (running) {
                    for (ServiceProcess replica : replicas) {
                        int status = readiness(replica);
                        boolean up = status == 200;
                        String name = name(replica);
                        if (!up) {
                            (status < 0 ? unanswered : refused).merge(name, 1, Integer::sum);
                        }
                        Boolean was = current.put(name, up);
                        if (was == null || was != up) {
                            (up ? ups : downs).computeIfAbsent(name, n -> new ArrayList<>()).add(Instant.now());
                        }
                    }
                    sleep(100);
                }
            }, "readiness-watch");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            if (thread != null) {
                thread.join(5000);
            }
        }

        void awaitAllUp(Duration timeout) {
            Instant deadline = Instant.now().plus(timeout);
            while (!replicas.stream().allMatch(r -> Boolean.TRUE.equals(current.get(name(r))))) {
                assertTrue(Instant.now().isBefore(deadline), "not every replica ready again within " + timeout + ": "
                        + current);
                sleep(100);
            }
        }

        /** Each replica: DOWN after {@code from}, UP again after {@code back}, and UP now. */
        void assertWentDownAndCameBack(Instant from, Instant back) {
            for (ServiceProcess replica : replicas) {
                String name = name(replica);
                assertTrue(downs.getOrDefault(name, List.of()).stream().anyMatch(t -> t.isAfter(from)),
                        name + " readiness went DOWN during the outage");
                assertTrue(ups.getOrDefault(name, List.of()).stream().anyMatch(t -> t.isAfter(back)),
                        name + " readiness came back UP by itself");
            }
        }

        /** Per replica: seconds from {@code from} to its first DOWN and from {@code back} to its UP after that. */
        String summary(Instant from, Instant back) {
            Map<String, String> summary = new TreeMap<>();
            for (ServiceProcess replica : replicas) {
                String name = name(replica);
                String down = downs.getOrDefault(name, List.of()).stream().filter(t -> !t.isBefore(from)).findFirst()
                        .map(t -> String.format("DOWN +%.1fs", seconds(from, t))).orElse("never DOWN");
                String up = ups.getOrDefault(name, List.of()).stream().filter(t -> !t.isBefore(from)).reduce((a, b) -> b)
                        .map(t -> String.format("UP %+.1fs after", seconds(back, t))).orElse("no change to UP");
                summary.put(name, down + ", " + up + " (not ready: " + refused.getOrDefault(name, 0) + "× 503, "
                        + unanswered.getOrDefault(name, 0) + "× no answer within 1 s)");
            }
            return summary.toString();
        }

        private static String name(ServiceProcess replica) {
            return replica.name() + replica.baseUrl().substring(replica.baseUrl().lastIndexOf(':'));
        }

        /** The readiness endpoint's status, -1 when it did not answer within 1 s. */
        private static int readiness(ServiceProcess replica) {
            try {
                return HTTP.send(HttpRequest.newBuilder(URI.create(replica.baseUrl() + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode();
            } catch (IOException e) {
                return -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }
    }

    /** Numbers in what a failure prints: masked as the services log them. */
    static final class TestNumbersMask {
        static String mask(String number) {
            return number.length() <= 5 ? "***" : number.substring(0, 3) + "*".repeat(number.length() - 5)
                    + number.substring(number.length() - 2);
        }

        static String maskKey(String key) {
            int plus = key.indexOf('+');
            return plus < 0 ? key : key.substring(0, plus) + mask(key.substring(plus));
        }
    }

    static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
