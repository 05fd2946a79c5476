package org.compliantsms.dispatch.carrier.segmentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.compliantsms.dispatch.carrier.Carriers;
import org.compliantsms.dispatch.carrier.SmppSessions;
import org.compliantsms.dispatch.carrier.SubmitResult;
import org.compliantsms.dispatch.carrier.SubmitWindow;
import org.compliantsms.events.Category;
import org.compliantsms.events.DeliveryStatus;
import org.compliantsms.events.MessageApproved;
import org.compliantsms.events.MessageStatus;
import org.compliantsms.events.Topics;
import org.compliantsms.events.text.SmsEncoding;
import org.compliantsms.testing.SimulatorAdmin;
import org.compliantsms.testing.TestEvents;
import org.compliantsms.testing.TestNumbers;
import org.compliantsms.testing.TestProducer;
import org.compliantsms.testing.TopicProbe;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Long messages over real SMPP to the carrier simulator (a process), in the segmentation each subclass configures:
 * the simulator puts the parts back together into exactly the text sent, the message has one result with every
 * part's id, and through Kafka it ends SUBMITTED with its first part's id. The texts put an extension character or a
 * surrogate pair exactly where a part would end, and take three parts in every splitting mode.
 */
abstract class LongMessagesOverSmpp {
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** 152 + 2 + 150 + 2 + 60 + 2 septets: the euro and the brace open the second and third parts. */
    static final String GSM7 = "a".repeat(152) + "€" + "b".repeat(150) + "{" + "c".repeat(60) + "}";
    /** 66 + 2 + 64 + 2 + 30 units: each emoji opens a part. */
    static final String UCS2 = "д".repeat(66) + "😀" + "ж".repeat(64) + "🎉" + "ё".repeat(30);

    @Inject
    Carriers carriers;

    SubmitWindow window;

    SmppSessions sessions;

    @ConfigProperty(name = "test.simulator.admin-url")
    String simulatorUrl;

    @ConfigProperty(name = "dispatch.smpp.segmentation")
    Segmentation mode;

    SimulatorAdmin carrier;

    @BeforeEach
    void awaitBound() throws InterruptedException {
        carrier = new SimulatorAdmin(simulatorUrl);
        window = carriers.smpp("simulator");
        sessions = window.sessions();
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (sessions.bound() == 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertEquals(sessions.configured(), sessions.bound(), "SMPP sessions bound to the simulator");
    }

    @Test
    void aLongGsm7MessageIsReassembledToExactlyItsTextAndAcceptedWithEveryPartId() {
        sendAndCheck(GSM7, 0);
    }

    @Test
    void aLongUcs2MessageWithEmojiIsReassembledToExactlyItsTextAndAcceptedWithEveryPartId() {
        sendAndCheck(UCS2, 8);
    }

    @Test
    void aLongMessageThroughKafkaEndsSubmittedWithItsFirstPartsId() {
        String number = TestNumbers.frenchMobile();
        MessageApproved message = approve(number, UCS2);
        try (TopicProbe statuses = TopicProbe.open(Topics.MESSAGE_STATUS)) {
            TestProducer.send(message);
            MessageStatus status = statuses.awaitEvent(MessageStatus.class,
                    s -> s.messageId().equals(message.messageId()), TIMEOUT);
            assertEquals(DeliveryStatus.SUBMITTED, status.status());
            Map<String, Object> received = carrier.awaitMessagesTo(number, 1, TIMEOUT).get(0);
            assertEquals(UCS2, received.get("text"));
            assertEquals(((List<?>) received.get("partIds")).get(0), status.carrierMessageId());
            assertEquals(parts(), received.get("parts"));
        }
    }

    private void sendAndCheck(String body, int dataCoding) {
        String number = TestNumbers.frenchMobile();
        MessageApproved message = approve(number, body);
        assertEquals(3, message.segments(), "compliance's count");

        SubmitResult result = SubmitWindow.await(window.submitEach(List.of(message))).get(0);

        SubmitResult.Accepted accepted = assertInstanceOf(SubmitResult.Accepted.class, result);
        int parts = parts();
        assertEquals(parts, accepted.partIds().size());
        List<Map<String, Object>> received = carrier.awaitMessagesTo(number, 1, TIMEOUT);
        assertEquals(1, received.size(), "one message at the carrier, not one per part");
        Map<String, Object> whole = received.get(0);
        assertEquals(body, whole.get("text"));
        assertEquals(dataCoding, whole.get("dataCoding"));
        assertEquals(parts, whole.get("parts"));
        assertEquals(mode == Segmentation.PAYLOAD ? null : mode.name(), whole.get("concatenation"),
                "how the carrier saw the parts joined");
        assertEquals(accepted.partIds(), whole.get("partIds"));
        assertEquals(accepted.carrierMessageId(), whole.get("carrierMessageId"));
        Map<String, Long> checks = carrier.concatenation();
        for (String problem : List.of("splitCharacters", "duplicateParts", "mismatchedParts", "malformedParts",
                "incompleteMessages")) {
            assertEquals(0L, checks.get(problem), problem + " at the carrier: " + checks);
        }
    }

    private int parts() {
        return mode == Segmentation.PAYLOAD ? 1 : 3;
    }

    static MessageApproved approve(String number, String body) {
        SmsEncoding.Result encoding = SmsEncoding.of(body);
        Instant now = Instant.now();
        return new MessageApproved(TestEvents.request(number, "promo", Category.TRANSACTIONAL, body), body,
                encoding.encoding(), encoding.segments(), false, now, now);
    }
}
