package org.compliantsms.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.compliantsms.events.DeliveryStatus;
import org.compliantsms.events.MessageRejected;
import org.compliantsms.events.MessageStatus;
import org.compliantsms.events.PhoneNumbers;
import org.compliantsms.events.SuppressionState;
import org.compliantsms.events.Topics;
import org.compliantsms.testing.RunningSystem;
import org.compliantsms.testing.ServiceProcess;
import org.compliantsms.testing.SimulatorAdmin;
import org.compliantsms.testing.TestNumbers;
import org.compliantsms.testing.TopicProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

/**
 * ARCHITECTURE 4.2 and 4.3 across crashes: while a paced campaign runs, each service is killed with SIGKILL in turn
 * (campaign, one of two compliance replicas, one of two dispatch replicas, inbound) and started again. No message
 * reaches the carrier twice, none is missing, every submit whose answer died with a dispatch process is UNCONFIRMED
 * rather than silent, and STOP replies sent while inbound was down are honoured once it is back.
 */
class CrashEachServiceIT {
    static final int RECIPIENTS = 3_000;
    static final int RATE = 60;
    /** Messages that reach the carrier between one restart and the next kill. */
    static final int BETWEEN_KILLS = 400;
    static final int STOPS_WHILE_INBOUND_DOWN = 20;
    static final int LATE_ANSWER_MS = 300;
    static final String BODY = "Crash sale: 30% off tonight.";
    static RunningSystem system;
    static SimulatorAdmin carrier;
    static CampaignApi campaigns;

    @BeforeAll
    static void start() {
        system = RunningSystem.builder().replicas("compliance-service", 2).replicas("dispatch-service", 2)
                // a submit whose answer never comes is UNCONFIRMED after this, not after the default 10 s
                .property("dispatch-service", "dispatch.smpp.response-timeout", "3s")
                .logs("crash-each").start();
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
    void killingEachServiceInTurnMidCampaignSendsNothingTwiceAndLosesNothing() {
        List<String> numbers = TestNumbers.unknownToTheIndex(system.serviceEnvironment().get("QUARKUS_REDIS_HOSTS"),
                RECIPIENTS + STOPS_WHILE_INBOUND_DOWN);
        List<String> audienceList = numbers.subList(0, RECIPIENTS);
        List<String> stopping = numbers.subList(RECIPIENTS, numbers.size());
        Set<String> audience = Set.copyOf(audienceList);
        campaigns.defineProgram();
        String campaignId = campaigns.draft(BODY);
        campaigns.uploadWithConsent(campaignId, audienceList);

        List<String> kills = new ArrayList<>();
        try (TopicProbe rejections = TopicProbe.open(Topics.MESSAGE_REJECTED);
                TopicProbe statuses = TopicProbe.open(Topics.MESSAGE_STATUS);
                TopicProbe suppression = TopicProbe.open(Topics.SUPPRESSION)) {
            long started = System.nanoTime();
            campaigns.send(campaignId, RATE);
            for (ServiceProcess victim : List.of(system.campaign, system.replicas("compliance-service").get(0),
                    system.replicas("dispatch-service").get(0), system.inbound)) {
                boolean dispatch = victim.name().equals("dispatch-service");
                if (dispatch) {
                    // answers 300 ms late: the killed replica dies with submits whose answers never come back
                    carrier.behave(Map.of("*", LATE_ANSWER_MS), Map.of());
                }
                long before = awaitCarrierGrowth(BETWEEN_KILLS, Duration.ofSeconds(120));
                victim.kill();
                long killedAt = System.nanoTime();
                if (victim == system.inbound) {
                    // replies arriving while inbound is dead wait on dispatch's topic of SMPP replies
                    stopping.forEach(n -> assertEquals(202, carrier.inject(n, RunningSystem.SHORT_CODE, "STOP")));
                }
                system.restart(victim);
                if (dispatch) {
                    carrier.behaveNormally();
                }
                kills.add(String.format("%s killed at carrier total %d, ready again after %.1f s", victim.name(),
                        before, (System.nanoTime() - killedAt) / 1e9));
            }
            JsonPath report = campaigns.awaitFinished(campaignId, RECIPIENTS, Duration.ofMinutes(4));
            double seconds = (System.nanoTime() - started) / 1e9;
            kills.forEach(k -> System.out.println("[crash-each] " + k));

            // the STOPs sent while inbound was dead: each effective (compacted topic) and confirmed once
            Set<String> stopped = Set.copyOf(stopping);
            suppression.awaitRecords(r -> TopicProbe.decode(r, SuppressionState.class)
                    .filter(s -> stopped.contains(s.recipient()) && s.suppressed()).isPresent(), stopping.size(),
                    Duration.ofSeconds(60));
            for (String number : stopping) {
                assertEquals(1, carrier.awaitMessagesTo(number, 1, Duration.ofSeconds(60)).size(),
                        "one confirmation to " + PhoneNumbers.mask(number));
            }

            Map<String, List<Map<String, Object>>> atCarrier = carrier.allMessages().stream()
                    .filter(m -> audience.contains((String) m.get("to")))
                    .collect(Collectors.groupingBy(m -> (String) m.get("to")));
            long submitted = report.getLong("submitted");
            long unconfirmed = report.getLong("unconfirmed");
            long rejected = report.getLong("rejected");
            Map<String, Set<String>> outcomes = outcomes(campaignId, audience, rejections, statuses,
                    (int) (rejected + submitted + unconfirmed));
            long twice = atCarrier.values().stream().filter(m -> m.size() > 1).count();
            atCarrier.values().stream().filter(m -> m.size() > 1)
                    .forEach(m -> System.out.println("[crash-each] twice: " + m.size() + " messages to "
                            + PhoneNumbers.mask((String) m.get(0).get("to"))));
            long missing = 0;
            long unconfirmedReached = 0;
            Map<String, String> numberOutcome = numberOutcomes(rejections, statuses, campaignId);
            for (String number : audienceList) {
                String outcome = numberOutcome.get(number);
                int received = atCarrier.getOrDefault(number, List.of()).size();
                if ("SUBMITTED".equals(outcome) && received != 1) {
                    missing++;
                } else if ("UNCONFIRMED".equals(outcome) && received == 1) {
                    unconfirmedReached++;
                } else if (outcome == null) {
                    missing++;
                }
            }
            System.out.printf("[crash-each] %d recipients at %d/s in %.1f s with 4 kills: %d submitted, %d"
                    + " unconfirmed (%d of them reached the carrier), %d rejected %s; %d numbers got the campaign"
                    + " twice, %d missing; %d STOPs sent while inbound was down, all confirmed once%n", RECIPIENTS, RATE,
                    seconds, submitted, unconfirmed, unconfirmedReached, rejected, report.getMap("rejections"), twice,
                    missing, stopping.size());
            assertEquals(0, twice, "no message reaches the carrier twice");
            assertEquals(0, missing, "every SUBMITTED message reached the carrier, every request has an outcome");
            assertEquals(RECIPIENTS, report.getLong("requested"));
            assertEquals(RECIPIENTS, submitted + unconfirmed + rejected, "one outcome each in the report");
            assertEquals(0, rejected, "nobody in this audience opted out: " + report.getMap("rejections"));
            assertEquals(RECIPIENTS, outcomes.size(), "every request has its outcome on the topics");
            // Without submits in flight at the kill, this test would prove nothing about unknown outcomes.
            assertTrue(unconfirmed > 0, "the dispatch kill caught submits in flight");
            assertTrue(unconfirmed <= DispatchCrashIT.IN_DOUBT, "only submits in flight in the killed dispatch are unknown: "
                    + unconfirmed);
        }
    }

    /** Each message's terminal outcomes on the topics; fails unless each has exactly one. */
    private static Map<String, Set<String>> outcomes(String campaignId, Set<String> audience, TopicProbe rejections,
            TopicProbe statuses, int expected) {
        Map<String, Set<String>> outcomes = new HashMap<>();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (outcomes.size() < expected && Instant.now().isBefore(deadline)) {
            outcomes.clear();
            rejections.seen().stream().filter(r -> audience.contains(r.key()))
                    .flatMap(r -> TopicProbe.decode(r, MessageRejected.class).stream())
                    .filter(r -> campaignId.equals(r.campaignId()))
                    .forEach(r -> outcomes.computeIfAbsent(r.messageId(), id -> new LinkedHashSet<>())
                            .add("REJECTED " + r.reason()));
            statuses.seen().stream().filter(r -> audience.contains(r.key()))
                    .flatMap(r -> TopicProbe.decode(r, MessageStatus.class).stream())
                    .filter(s -> campaignId.equals(s.campaignId()) && s.status() != DeliveryStatus.DELIVERED)
                    .forEach(s -> outcomes.computeIfAbsent(s.messageId(), id -> new LinkedHashSet<>())
                            .add(s.status().name()));
        }
        Map<String, Set<String>> notOne = outcomes.entrySet().stream().filter(e -> e.getValue().size() != 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertEquals(Map.of(), notOne, "exactly one terminal outcome per message");
        return outcomes;
    }

    /** The terminal outcome of the campaign's message to each number, as the topics tell it. */
    private static Map<String, String> numberOutcomes(TopicProbe rejections, TopicProbe statuses, String campaignId) {
        Map<String, String> byNumber = new HashMap<>();
        rejections.seen().stream().flatMap(r -> TopicProbe.decode(r, MessageRejected.class).stream())
                .filter(r -> campaignId.equals(r.campaignId()))
                .forEach(r -> byNumber.put(r.recipient(), "REJECTED"));
        statuses.seen().stream().flatMap(r -> TopicProbe.decode(r, MessageStatus.class).stream())
                .filter(s -> campaignId.equals(s.campaignId()) && s.status() != DeliveryStatus.DELIVERED)
                .forEach(s -> byNumber.put(s.recipient(), s.status().name()));
        return byNumber;
    }

    /** Waits until {@code growth} more messages reached the carrier than now; returns the total then. */
    private static long awaitCarrierGrowth(long growth, Duration timeout) {
        long target = carrier.total() + growth;
        Instant deadline = Instant.now().plus(timeout);
        while (carrier.total() < target) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the carrier saw " + carrier.total() + " messages, expected " + target);
            }
            StopUnderLoadIT.sleep(50);
        }
        return carrier.total();
    }
}
