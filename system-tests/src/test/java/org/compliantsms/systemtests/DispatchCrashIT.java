package org.compliantsms.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.compliantsms.events.Category;
import org.compliantsms.events.DeliveryStatus;
import org.compliantsms.events.MessageApproved;
import org.compliantsms.events.MessageRequested;
import org.compliantsms.events.MessageStatus;
import org.compliantsms.events.Topics;
import org.compliantsms.events.text.SmsEncoding;
import org.compliantsms.testing.RunningSystem;
import org.compliantsms.testing.ServiceProcess;
import org.compliantsms.testing.SimulatorAdmin;
import org.compliantsms.testing.TestEvents;
import org.compliantsms.testing.TestNumbers;
import org.compliantsms.testing.TestProducer;
import org.compliantsms.testing.TopicProbe;
import org.junit.jupiter.api.Test;

/**
 * ARCHITECTURE 4.3 under a crash: dispatch is killed with SIGKILL while its SMPP window is full, then started
 * again. No message reaches the carrier twice, none is missing, and every submit whose answer was lost with the
 * process is visible as UNCONFIRMED. Receipts stay on: every message submitted before or after the kill ends
 * DELIVERED through its receipt, the ones in flight at the kill sent again by the carrier to the new process.
 */
class DispatchCrashIT {
    static final int MESSAGES = 1500;
    static final int LATE_ANSWER_MS = 300;
    static final int RECEIPT_DELAY_MS = 20;
    /**
     * What may be claimed without a recorded outcome when the process dies, per consumer thread
     * (batch.consumers.approved.threads, 1 by default): three SMPP windows (sessions × window), one being recorded,
     * one submitted, the next one claimed while the submitted one waits for its answers.
     */
    static final int IN_DOUBT = 3 * 2 * 64;

    @Test
    void killingDispatchMidWindowSendsNothingTwiceAndShowsEveryUnknownSubmit() {
        Path logs = Path.of("target", "processes", "crash");
        Map<String, String> env = RunningSystem.environment();
        RunningSystem.erasedCopyLoadedAsComplianceWould();
        int smppPort = ServiceProcess.freePort();
        ServiceProcess simulator = ServiceProcess.start("carrier-simulator", ServiceProcess.freePort(),
                Map.of("simulator.smpp.port", Integer.toString(smppPort)), env, logs).awaitReady(Duration.ofSeconds(120));
        ServiceProcess dispatch = null;
        try (TopicProbe statuses = TopicProbe.open(Topics.MESSAGE_STATUS)) {
            dispatch = ServiceProcess.start("dispatch-service", ServiceProcess.freePort(), Map.of(
                    "dispatch.smpp.port", Integer.toString(smppPort), "dispatch.smpp.response-timeout", "3s"), env, logs)
                    .awaitReady(Duration.ofSeconds(120));
            SimulatorAdmin carrier = new SimulatorAdmin(simulator.baseUrl());
            carrier.behave(Map.of("*", LATE_ANSWER_MS), Map.of()); // the window stays full of unanswered submits
            // Receipts right behind the answers: some are in flight when the process dies, some overtake the record
            // of their submit.
            carrier.receipts(Map.of("enabled", true, "delayMs", RECEIPT_DELAY_MS, "idFormat", "HEX", "form", "BOTH",
                    "outcomes", Map.of("*", List.of(Map.of("stat", "DELIVRD", "err", "000", "weight", 1)))));

            // Distinct numbers: two messages to one number would look like a duplicate by number (random numbers
            // collide in about 1.4% of runs of 1,500); duplicates are also counted by text, unique per message.
            Set<String> numbers = new java.util.LinkedHashSet<>();
            while (numbers.size() < MESSAGES) {
                numbers.add(TestNumbers.frenchMobile());
            }
            List<MessageApproved> messages = new ArrayList<>();
            int i = 0;
            for (String number : numbers) {
                messages.add(approve(TestEvents.request(number, "crash", Category.TRANSACTIONAL, "Crash test " + i++)));
            }
            TestProducer.sendAll(messages);
            awaitCarrierTotal(carrier, 200, Duration.ofSeconds(60));

            dispatch.kill();
            long atKill = carrier.total();
            carrier.behaveNormally();
            dispatch = dispatch.restarted().awaitReady(Duration.ofSeconds(120));

            Set<String> ids = messages.stream().map(MessageApproved::messageId).collect(Collectors.toSet());
            // Each message's outcome of the submit; receipts' DELIVERED statuses follow, counted below.
            Map<String, Set<DeliveryStatus>> byMessage = awaitEach(statuses, s -> ids.contains(s.messageId())
                    && s.status() != DeliveryStatus.DELIVERED, ids, Duration.ofSeconds(180));

            // Only this test's messages: the group dispatch-service may also hold approvals other suites left
            // unconsumed on the shared broker, sent to this simulator too (same bodies to other numbers: they
            // looked like duplicates by text).
            List<Map<String, Object>> all = carrier.allMessages();
            List<Map<String, Object>> accepted = all.stream().filter(m -> numbers.contains((String) m.get("to")))
                    .toList();
            System.out.printf("[crash] %d messages of other suites at the carrier%n", all.size() - accepted.size());
            Map<String, Long> atCarrier = accepted.stream().map(m -> (String) m.get("to"))
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            long duplicates = accepted.stream().map(m -> (String) m.get("text"))
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()))
                    .values().stream().filter(n -> n > 1).count();
            // A duplicate is printed whole (carrier id, session, time of each copy): which process sent it twice.
            accepted.stream().collect(Collectors.groupingBy(m -> (String) m.get("text"))).values().stream()
                    .filter(copies -> copies.size() > 1)
                    .forEach(copies -> System.out.println("[crash] duplicate: " + copies));
            long unconfirmed = 0;
            long submittedButMissing = 0;
            for (MessageApproved message : messages) {
                Set<DeliveryStatus> status = byMessage.get(message.messageId());
                assertEquals(1, status.size(), message.messageId() + " has one outcome, not " + status);
                long received = atCarrier.getOrDefault(message.recipient(), 0L);
                if (status.contains(DeliveryStatus.UNCONFIRMED)) {
                    unconfirmed++;
                } else {
                    assertEquals(Set.of(DeliveryStatus.SUBMITTED), status);
                    if (received != 1) {
                        submittedButMissing++;
                    }
                }
            }
            // Receipts of messages submitted before the kill reach the restarted dispatch (the simulator sends an
            // unanswered one again): every SUBMITTED message ends DELIVERED, found through its recorded carrier id.
            Set<String> submitted = byMessage.entrySet().stream()
                    .filter(e -> e.getValue().contains(DeliveryStatus.SUBMITTED)).map(Map.Entry::getKey)
                    .collect(Collectors.toSet());
            // The receipts in flight at the kill (sent to the dead process, unanswered) are sent again by the
            // carrier once a session is bound; one that overtook its submit's record is refused by dispatch until
            // the record is there (dispatch.receipts.unmatched-grace) rather than acknowledged and parked.
            Map<String, Set<DeliveryStatus>> delivered = Map.of();
            AssertionError missing = null;
            try {
                delivered = awaitEach(statuses, s -> submitted.contains(s.messageId())
                        && s.status() == DeliveryStatus.DELIVERED, submitted, Duration.ofSeconds(120));
            } catch (AssertionError e) {
                missing = e;
            }
            System.out.println("[crash] simulator receipts: " + carrier.receiptCounts());
            org.compliantsms.testing.Metrics metrics = org.compliantsms.testing.Metrics.scrape(
                    java.net.URI.create(dispatch.baseUrl()));
            for (String resolution : List.of("PUBLISHED", "DUPLICATE", "NOT_FINAL", "RECHECK", "REVIEW")) {
                System.out.printf("[crash] restarted dispatch receipts %s: %.0f%n", resolution,
                        metrics.sum("sms_dispatch_receipts_total", Map.of("resolution", resolution)));
            }
            System.out.printf("[crash] %d messages, %d at the carrier when killed, %d unconfirmed, %d duplicates,"
                    + " %d delivered%n", MESSAGES, atKill, unconfirmed, duplicates, delivered.size());
            assertEquals(0, duplicates, "no message reaches the carrier twice");
            assertEquals(0, submittedButMissing, "every SUBMITTED message reached the carrier once");
            assertTrue(unconfirmed <= IN_DOUBT, "only what was claimed in the last windows can be unconfirmed: "
                    + unconfirmed);
            if (missing != null) {
                throw new AssertionError("every SUBMITTED message ends DELIVERED through its receipt: "
                        + missing.getMessage(), missing);
            }
            assertEquals(submitted.size(), delivered.size(), "every SUBMITTED message ends DELIVERED");
        } finally {
            if (dispatch != null) {
                dispatch.close();
            }
            simulator.close();
        }
    }

    /** The statuses matching {@code match}, by message, once every one of {@code expected} has at least one. */
    static Map<String, Set<DeliveryStatus>> awaitEach(TopicProbe statuses, Predicate<MessageStatus> match,
            Set<String> expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<MessageStatus> seen = statuses.awaitEvents(MessageStatus.class, match, expected.size(), timeout);
        Map<String, Set<DeliveryStatus>> byMessage = byMessage(seen);
        while (!byMessage.keySet().containsAll(expected)) {
            seen = statuses.awaitEvents(MessageStatus.class, match, seen.size() + 1,
                    Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            byMessage = byMessage(seen);
        }
        return byMessage;
    }

    private static Map<String, Set<DeliveryStatus>> byMessage(List<MessageStatus> statuses) {
        return statuses.stream().collect(Collectors.groupingBy(MessageStatus::messageId,
                Collectors.mapping(MessageStatus::status, Collectors.toSet())));
    }

    static MessageApproved approve(MessageRequested request) {
        SmsEncoding.Result encoding = SmsEncoding.of(request.body());
        Instant now = Instant.now();
        return new MessageApproved(request, request.body(), encoding.encoding(), encoding.segments(), false, now, now);
    }

    private static void awaitCarrierTotal(SimulatorAdmin carrier, long total, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (carrier.total() < total) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the carrier saw " + carrier.total() + " submits, expected " + total);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
