package org.compliantsms.systemtests;

import static io.restassured.RestAssured.given;
import static org.compliantsms.testing.TopicProbe.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.compliantsms.events.Category;
import org.compliantsms.events.ConsentAction;
import org.compliantsms.events.ConsentChanged;
import org.compliantsms.events.ConsentSource;
import org.compliantsms.events.DeliveryStatus;
import org.compliantsms.events.EventCodec;
import org.compliantsms.events.EventType;
import org.compliantsms.events.InboundReceived;
import org.compliantsms.events.InboundUnattributed;
import org.compliantsms.events.MessageApproved;
import org.compliantsms.events.MessageRejected;
import org.compliantsms.events.MessageRequested;
import org.compliantsms.events.MessageStatus;
import org.compliantsms.events.RejectionReason;
import org.compliantsms.events.SmsEvent;
import org.compliantsms.events.SuppressionState;
import org.compliantsms.events.Topics;
import org.compliantsms.events.text.SmsEncoding;
import org.compliantsms.testing.Platform;
import org.compliantsms.testing.PoisonRecords;
import org.compliantsms.testing.RunningSystem;
import org.compliantsms.testing.ServiceProcess;
import org.compliantsms.testing.SimulatorAdmin;
import org.compliantsms.testing.TestEvents;
import org.compliantsms.testing.TestNumbers;
import org.compliantsms.testing.TestProducer;
import org.compliantsms.testing.TopicProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Issue 11, item 5: poison on every input topic that a service consumes with a consumer group. Malformed and
 * schema-invalid records (empty value, no value, invalid UTF-8, not JSON, a wrong-typed field, an unknown enum value,
 * an oversized body, a missing required field, and for approvals what binds but breaks the contract) land in
 * {@code <topic>.dlq} with a reason that names what is wrong, once per deciding consumer group (header
 * {@code dead-letter-group}; secondary groups skip them), reach nothing downstream and nothing at the carrier; a
 * good record behind them on the same partition has its usual effect, and every group's offset moves past it.
 * <p>
 * Not here: {@code sms.programs.v1} and {@code sms.suppression.v1} are read by views without a group
 * (CompactedView, the index rebuild), which skip a malformed record instead of dead-lettering it (each replica
 * re-reads them at every start); {@code sms.message-outcomes.v1} has no consumer in the platform.
 */
class PoisonIT {
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final String PROGRAM = RunningSystem.PROGRAM;

    /** The consent poisons that still name an opt-out of the number and its program: salvaged by compliance. */
    static final Set<String> SALVAGED_OPT_OUTS = Set.of("invalid UTF-8", "opt-out with an unknown source",
            "missing occurredAt");
    /** The reply poisons that still give sender, number and a STOP: salvaged by inbound (its smpp-replies group). */
    static final Set<String> SALVAGED_STOPS = Set.of("unknown intent", "missing receivedAt");
    /** Its text reads "STOP" then bytes that are not UTF-8: salvaged if the classifier still reads a STOP in it. */
    static final String MAYBE_SALVAGED_STOP = "invalid UTF-8";
    static RunningSystem system;
    static SimulatorAdmin carrier;
    static Admin admin;

    /** Every consumer group of each input topic, and the deciding ones (that dead-letter; the others skip). */
    static final Map<String, Set<String>> GROUPS = Map.of(
            Topics.MESSAGE_REQUESTED, Set.of("compliance-service", "compliance-timeline"),
            Topics.MESSAGE_APPROVED, Set.of("dispatch-service", "campaign-service", "campaign-service-outcomes",
                    "compliance-timeline"),
            Topics.MESSAGE_REJECTED, Set.of("campaign-service", "campaign-service-outcomes", "compliance-timeline"),
            Topics.MESSAGE_STATUS, Set.of("campaign-service", "campaign-service-outcomes", "compliance-timeline"),
            Topics.INBOUND_RECEIVED, Set.of("inbound-service"),
            Topics.INBOUND_UNATTRIBUTED, Set.of("inbound-review"),
            Topics.CONSENT_CHANGED, Set.of("compliance-service", "compliance-timeline", "campaign-service-optouts",
                    "inbound-confirmations"));
    static final Map<String, Set<String>> DECIDING = Map.of(
            Topics.MESSAGE_REQUESTED, Set.of("compliance-service"),
            // campaign-service's approvals, statuses and rejections decode only records that mention a campaignId:
            // every poison here does (so both unchecked consumers of approvals are shown to dead-letter).
            Topics.MESSAGE_APPROVED, Set.of("dispatch-service", "campaign-service"),
            Topics.MESSAGE_REJECTED, Set.of("campaign-service"),
            Topics.MESSAGE_STATUS, Set.of("campaign-service"),
            Topics.INBOUND_RECEIVED, Set.of("inbound-service"),
            Topics.INBOUND_UNATTRIBUTED, Set.of("inbound-review"),
            Topics.CONSENT_CHANGED, Set.of("compliance-service", "inbound-confirmations"));

    record Poison(String topic, String key, String kind, byte[] value, String reasonNames) {
    }

    record Good(String topic, RecordMetadata written) {
    }

    @BeforeAll
    static void start() {
        system = RunningSystem.builder().logs("poison").start();
        carrier = new SimulatorAdmin(system.simulator.baseUrl());
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Platform.kafkaBootstrap());
        admin = Admin.create(props);
    }

    @AfterAll
    static void stop() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
        if (system != null) {
            system.close();
        }
    }

    @Test
    void poisonOnEveryInputTopicIsDeadLetteredWithItsReasonAndTheRestFlows() throws Exception {
        // the program of the short code, so that the STOP behind the poison is attributed as in production
        given().baseUri(system.campaign.baseUrl()).auth().oauth2(org.compliantsms.testing.TestTokens.token("admin"))
                .contentType("application/json")
                .body("{\"category\":\"MARKETING\",\"senders\":[{\"type\":\"SHORT_CODE\",\"value\":\""
                        + RunningSystem.SHORT_CODE + "\"}]}")
                .put("/programs/" + PROGRAM).then().statusCode(200);

        String requester = TestNumbers.frenchMobile();
        String approvee = TestNumbers.frenchMobile();
        String rejectee = TestNumbers.frenchMobile();
        String statusee = TestNumbers.frenchMobile();
        String replier = TestNumbers.frenchMobile();
        String unattributed = "ACME" + (1000 + (int) (Math.random() * 9000));
        String consenter = TestNumbers.frenchMobile();
        Instant now = Instant.now();

        MessageRequested request = TestEvents.request(requester, PROGRAM, Category.TRANSACTIONAL, "Your code is 4821");
        MessageApproved approval = approve(TestEvents.request(approvee, PROGRAM, Category.TRANSACTIONAL, "Code 7"));
        MessageRejected rejection = MessageRejected.of(TestEvents.request(rejectee, PROGRAM, Category.MARKETING,
                "Sale"), RejectionReason.OPTED_OUT, "poison test", "compliance-service", now);
        MessageStatus status = new MessageStatus("test-" + UUID.randomUUID(), PROGRAM, null, statusee,
                DeliveryStatus.DELIVERED, "simulator", "c-" + UUID.randomUUID(), null, now);
        InboundReceived reply = new InboundReceived("smpp-" + UUID.randomUUID(), replier, RunningSystem.SHORT_CODE,
                "STOP", "simulator", now, null);
        InboundUnattributed anonymous = new InboundUnattributed("smpp-" + UUID.randomUUID(), unattributed, 5, 0,
                RunningSystem.SHORT_CODE, "hello", "simulator", now, "alphanumeric sender");
        ConsentChanged optOut = new ConsentChanged("admin-" + UUID.randomUUID(), ConsentAction.OPT_OUT, consenter,
                PROGRAM, ConsentSource.ADMIN, null, null, "poison test", null, false, now);

        List<Poison> poisons = new ArrayList<>();
        String fiveThousand = "x".repeat(5000);
        Consumer<ObjectNode> campaign = t -> t.put("campaignId", "poison-campaign");
        Consumer<ObjectNode> requestCampaign = t -> ((ObjectNode) t.get("request")).put("campaignId", "poison-campaign");

        common(poisons, request, t -> t.put("body", PoisonRecords.mark()), t -> { });
        poisons.add(poison(request, "wrong type (recipient a number)", "/recipient",
                t -> t.put("recipient", Long.parseLong(requester.substring(1)))));
        poisons.add(poison(request, "unknown category", "/category", t -> t.put("category", "PROMO")));
        poisons.add(poison(request, "oversized body (5,000)", "/body", t -> t.put("body", fiveThousand)));
        poisons.add(poison(request, "missing messageId", "messageId", t -> t.remove("messageId")));

        common(poisons, approval, t -> {
            requestCampaign.accept(t);
            t.put("body", PoisonRecords.mark());
        }, requestCampaign);
        poisons.add(poison(approval, "wrong type (recipient a number)", "/request/recipient", requestCampaign
                .andThen(t -> ((ObjectNode) t.get("request")).put("recipient", Long.parseLong(approvee.substring(1))))));
        poisons.add(poison(approval, "unknown category", "/request/category",
                requestCampaign.andThen(t -> ((ObjectNode) t.get("request")).put("category", "PROMO"))));
        poisons.add(poison(approval, "oversized body (5,000, its count 33)", "/request/body: 5000 characters",
                requestCampaign.andThen(t -> {
                    t.put("body", fiveThousand);
                    t.put("segments", 33);
                    ((ObjectNode) t.get("request")).put("body", fiveThousand);
                })));
        poisons.add(poison(approval, "oversized body (5,000, its count 1)", "/body: 5000 characters do not fit",
                requestCampaign.andThen(t -> t.put("body", fiveThousand))));
        poisons.add(poison(approval, "negative segments", "/segments: -1",
                requestCampaign.andThen(t -> t.put("segments", -1))));
        poisons.add(poison(approval, "recipient not E.164", "/request/recipient: not E.164",
                requestCampaign.andThen(t -> ((ObjectNode) t.get("request")).put("recipient",
                        "0" + approvee.substring(3)))));
        poisons.add(poison(approval, "missing request", "/request: required", requestCampaign
                .andThen(t -> t.remove("request")).andThen(campaign)));

        common(poisons, rejection, campaign.andThen(t -> t.put("detail", PoisonRecords.mark())), campaign);
        poisons.add(poison(rejection, "wrong type (recipient a number)", "/recipient",
                campaign.andThen(t -> t.put("recipient", Long.parseLong(rejectee.substring(1))))));
        poisons.add(poison(rejection, "unknown reason", "/reason", campaign.andThen(t -> t.put("reason", "SPAM"))));
        poisons.add(poison(rejection, "missing messageId", "messageId", campaign.andThen(t -> t.remove("messageId"))));

        common(poisons, status, campaign.andThen(t -> t.put("carrier", PoisonRecords.mark())), campaign);
        poisons.add(poison(status, "wrong type (recipient a number)", "/recipient",
                campaign.andThen(t -> t.put("recipient", Long.parseLong(statusee.substring(1))))));
        poisons.add(poison(status, "unknown status", "/status", campaign.andThen(t -> t.put("status", "READ"))));
        poisons.add(poison(status, "missing messageId", "messageId", campaign.andThen(t -> t.remove("messageId"))));

        common(poisons, reply, t -> t.put("text", "STOP " + PoisonRecords.mark()), t -> { });
        poisons.add(poison(reply, "wrong type (from a number)", "/from",
                t -> t.put("from", Long.parseLong(replier.substring(1)))));
        poisons.add(poison(reply, "unknown intent", "intent", t -> t.putObject("classification")
                .put("intent", "MAYBE")));
        poisons.add(poison(reply, "missing receivedAt", "receivedAt", t -> t.remove("receivedAt")));

        common(poisons, anonymous, t -> t.put("text", PoisonRecords.mark()), t -> { });
        poisons.add(poison(anonymous, "wrong type (text a number)", "/text", t -> t.put("text", 42)));
        poisons.add(poison(anonymous, "missing reason", "reason", t -> t.remove("reason")));

        common(poisons, optOut, t -> t.put("evidence", PoisonRecords.mark()), t -> { });
        poisons.add(poison(optOut, "wrong type (recipient a number)", "/recipient",
                t -> t.put("recipient", Long.parseLong(consenter.substring(1)))));
        poisons.add(poison(optOut, "unknown action", "/action", t -> t.put("action", "UNSUBSCRIBE")));
        // still names an opt-out of this number and its program: compliance salvages it (and dead-letters it)
        poisons.add(poison(optOut, "opt-out with an unknown source", "/source", t -> t.put("source", "SMS")));
        poisons.add(poison(optOut, "recipient not E.164", "/recipient", t -> t.put("recipient",
                "0" + consenter.substring(3))));
        poisons.add(poison(optOut, "missing occurredAt", "occurredAt", t -> t.remove("occurredAt")));

        Map<String, TopicProbe> dlqs = new LinkedHashMap<>();
        for (String topic : GROUPS.keySet()) {
            dlqs.put(topic, TopicProbe.open(topic + Topics.DLQ_SUFFIX));
        }
        try (TopicProbe approved = TopicProbe.open(Topics.MESSAGE_APPROVED);
                TopicProbe statuses = TopicProbe.open(Topics.MESSAGE_STATUS);
                TopicProbe consents = TopicProbe.open(Topics.CONSENT_CHANGED);
                TopicProbe suppression = TopicProbe.open(Topics.SUPPRESSION)) {
            for (Poison poison : poisons) {
                EventType type = EventType.ofTopic(poison.topic()).orElseThrow();
                TestProducer.send(poison.topic(), poison.key(), poison.value(),
                        TestProducer.cloudEvents(type, "poison-" + UUID.randomUUID(), now));
            }
            // behind the poison, on the same partitions (same keys): a good record of each topic
            List<Good> goods = new ArrayList<>();
            for (SmsEvent good : List.of(request, approval, rejection, status, reply, anonymous, optOut)) {
                EventType type = EventType.of(good.getClass());
                goods.add(new Good(type.topic(), TestProducer.send(type.topic(), good.partitionKey(),
                        EventCodec.encode(good), TestProducer.cloudEvents(type, good.eventId(), good.eventTime()))));
            }

            // the rest flows: each good record has its usual effect...
            approved.awaitEvent(MessageApproved.class, a -> a.messageId().equals(request.messageId()), TIMEOUT);
            statuses.awaitEvent(MessageStatus.class, s -> s.messageId().equals(approval.messageId()), TIMEOUT);
            consents.awaitEvent(ConsentChanged.class, c -> c.recipient().equals(replier)
                    && c.action() == ConsentAction.OPT_OUT, TIMEOUT);
            suppression.awaitEvent(SuppressionState.class, s -> s.recipient().equals(consenter) && s.suppressed(),
                    TIMEOUT);
            assertEquals(1, carrier.awaitMessagesTo(requester, 1, TIMEOUT).size());
            assertEquals(1, carrier.awaitMessagesTo(approvee, 1, TIMEOUT).size());
            assertEquals(1, carrier.awaitMessagesTo(replier, 1, TIMEOUT).size(), "the STOP's one confirmation");
            // ...and every group, deciding or secondary, moved past it
            for (Good good : goods) {
                for (String group : GROUPS.get(good.topic())) {
                    awaitCommittedPast(group, good);
                }
            }

            // each poison: dead-lettered once per deciding group, with its reason
            List<String[]> table = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            int salvagedStops = 0;
            for (Poison poison : poisons) {
                Set<String> deciding = DECIDING.get(poison.topic());
                List<ConsumerRecord<String, byte[]>> dead;
                try {
                    dead = dlqs.get(poison.topic()).awaitRecords(r -> poison.key().equals(r.key())
                            && Arrays.equals(poison.value(), r.value()), deciding.size(), Duration.ofSeconds(5));
                } catch (AssertionError e) {
                    dead = dlqs.get(poison.topic()).seen().stream().filter(r -> poison.key().equals(r.key())
                            && Arrays.equals(poison.value(), r.value())).toList();
                }
                List<String> groups = dead.stream().map(r -> header(r, "dead-letter-group").orElse("?")).sorted()
                        .toList();
                if (!groups.equals(deciding.stream().sorted().toList())) {
                    failures.add(poison.topic() + " / " + poison.kind() + ": dead-lettered by " + groups
                            + ", expected once by each of " + new TreeSet<>(deciding));
                }
                for (ConsumerRecord<String, byte[]> record : dead) {
                    boolean salvaged = header(record, "dead-letter-salvaged").isPresent();
                    String group = header(record, "dead-letter-group").orElse("?");
                    boolean salvageable = poison.topic().equals(Topics.CONSENT_CHANGED)
                            && "compliance-service".equals(group) && SALVAGED_OPT_OUTS.contains(poison.kind())
                            || poison.topic().equals(Topics.INBOUND_RECEIVED) && SALVAGED_STOPS.contains(poison.kind());
                    boolean either = poison.topic().equals(Topics.INBOUND_RECEIVED)
                            && MAYBE_SALVAGED_STOP.equals(poison.kind());
                    if (salvaged && poison.topic().equals(Topics.INBOUND_RECEIVED)) {
                        salvagedStops++;
                    }
                    if (salvaged != salvageable && !either) {
                        failures.add(poison.topic() + " / " + poison.kind() + ": salvaged " + salvaged + ", expected "
                                + salvageable);
                    }
                    String reason = header(record, "dead-letter-reason").orElse("(none)");
                    table.add(new String[] { poison.topic(), poison.kind(), header(record, "dead-letter-group")
                            .orElse("?") + "/" + header(record, "dead-letter-consumer").orElse("?"), reason });
                    if (!reason.contains(poison.reasonNames())) {
                        failures.add(poison.topic() + " / " + poison.kind() + ": reason does not name "
                                + poison.reasonNames() + ": " + reason);
                    }
                    if (!poison.topic().equals(header(record, "dead-letter-topic").orElse(null))
                            || !"test".equals(header(record, "ce_source").orElse(null))) {
                        failures.add(poison.topic() + " / " + poison.kind() + ": origin or original headers lost");
                    }
                }
            }
            print(table);
            assertTrue(failures.isEmpty(), String.join("\n", failures));

            // nothing of the poison reached the carrier or downstream
            assertEquals(1, carrier.messagesTo(requester).size(), "only the good request was sent");
            assertEquals(1, carrier.messagesTo(approvee).size(), "only the good approval was sent");
            assertTrue(carrier.messagesTo("0" + approvee.substring(3)).isEmpty());
            assertEquals(1, carrier.messagesTo(replier).size(), "one confirmation, for the good STOP");
            assertTrue(carrier.messagesTo(rejectee).isEmpty() && carrier.messagesTo(statusee).isEmpty()
                    && carrier.messagesTo(consenter).isEmpty());
            assertEquals(Set.of(request.messageId()), approved.seen().stream().filter(r -> requester.equals(r.key()))
                    .map(r -> EventCodec.decode(r.value(), MessageApproved.class).messageId())
                    .collect(Collectors.toSet()), "no approval of any poison request");
            assertEquals(Set.of(approval.messageId()), statuses.seen().stream().filter(r -> approvee.equals(r.key()))
                    .map(r -> EventCodec.decode(r.value(), MessageStatus.class).messageId())
                    .collect(Collectors.toSet()), "no status of any poison approval");
            // one opt-out per salvaged STOP (the first one in effect, the others already in effect: one confirmation)
            // and the good STOP's
            assertEquals(1 + salvagedStops, consents.seen().stream().filter(r -> replier.equals(r.key())).count(),
                    "an opt-out from each salvaged STOP and from the good STOP");
            // the malformed opt-outs that still name the number and program are never only dead letters: each is a
            // suppression too (compliance's OptOutSalvage), beside the good one's
            assertEquals(1 + SALVAGED_OPT_OUTS.size(),
                    suppression.seen().stream().filter(r -> r.key().endsWith(consenter)).count());
        } finally {
            dlqs.values().forEach(TopicProbe::close);
        }

        // no consumer of any service is left waiting on a poison record (secondary ones included)
        for (ServiceProcess service : List.of(system.compliance, system.dispatch, system.inbound, system.campaign)) {
            String ready = given().baseUri(service.baseUrl()).get("/q/health/ready").then().extract().asString();
            assertFalse(ready.contains("waiting since"), service.name() + ": " + ready);
        }
    }

    /** Empty value, no value, invalid UTF-8 and not JSON, for the topic of {@code good}. */
    static void common(List<Poison> poisons, SmsEvent good, Consumer<ObjectNode> markUtf8,
            Consumer<ObjectNode> campaign) {
        EventType type = EventType.of(good.getClass());
        String key = good.partitionKey();
        poisons.add(new Poison(type.topic(), key, "empty value", new byte[0], "empty record value"));
        poisons.add(new Poison(type.topic(), key, "no value (tombstone)", null, "empty record value"));
        poisons.add(new Poison(type.topic(), key, "invalid UTF-8", PoisonRecords.invalidUtf8(good, markUtf8),
                "Invalid UTF-8"));
        poisons.add(new Poison(type.topic(), key, "not JSON",
                ("{\"campaignId\": oops, \"recipient\": \"" + key + "\"").getBytes(StandardCharsets.UTF_8),
                "Unrecognized token 'oops'"));
    }

    static Poison poison(SmsEvent good, String kind, String reasonNames, Consumer<ObjectNode> change) {
        EventType type = EventType.of(good.getClass());
        return new Poison(type.topic(), good.partitionKey(), kind, PoisonRecords.changed(good, change), reasonNames);
    }

    static MessageApproved approve(MessageRequested request) {
        SmsEncoding.Result encoding = SmsEncoding.of(request.body());
        Instant now = Instant.now();
        return new MessageApproved(request, request.body(), encoding.encoding(), encoding.segments(), false, now, now);
    }

    /** The group's committed offset on the good record's partition is past it. */
    static void awaitCommittedPast(String group, Good good) throws Exception {
        TopicPartition partition = new TopicPartition(good.written().topic(), good.written().partition());
        Instant deadline = Instant.now().plus(TIMEOUT);
        long committed = -1;
        while (Instant.now().isBefore(deadline)) {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get().get(partition);
            committed = offset == null ? -1 : offset.offset();
            if (committed > good.written().offset()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(group + " did not move past " + partition + "@" + good.written().offset()
                + " (committed " + committed + ")");
    }

    static void print(List<String[]> table) {
        StringBuilder out = new StringBuilder("\nPoisonIT: topic x kind -> DLQ reason, per group that dead-lettered it\n");
        out.append("| topic | kind | group/consumer | dead-letter-reason |\n|---|---|---|---|\n");
        for (String[] row : table) {
            String reason = row[3].length() > 160 ? row[3].substring(0, 160) + "..." : row[3];
            out.append("| ").append(row[0]).append(" | ").append(row[1]).append(" | ").append(row[2]).append(" | ")
                    .append(reason.replace("|", "\\|").replace("\n", " ")).append(" |\n");
        }
        System.out.println(out);
    }
}
