package org.compliantsms.dispatch.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import jakarta.inject.Inject;

import org.compliantsms.dispatch.carrier.Carriers;
import org.compliantsms.events.DeliveryStatus;
import org.compliantsms.events.MessageApproved;
import org.compliantsms.events.MessageRejected;
import org.compliantsms.events.MessageRequested;
import org.compliantsms.events.MessageStatus;
import org.compliantsms.events.RejectionReason;
import org.compliantsms.events.Topics;
import org.compliantsms.events.text.SmsEncoding;
import org.compliantsms.testing.PlatformTestResource;
import org.compliantsms.testing.ServiceProcess;
import org.compliantsms.testing.SignedWebhook;
import org.compliantsms.testing.SimulatorAdmin;
import org.compliantsms.testing.TestEvents;
import org.compliantsms.testing.TestNumbers;
import org.compliantsms.testing.TestProducer;
import org.compliantsms.testing.TopicProbe;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Routing over real carriers ({@link TwoCarriersResource}: two simulator processes, SMPP and HTTP): French numbers
 * go to alpha while it is up, to its backup beta while it is down or refuses for now, and back to alpha when it
 * returns; UK numbers go to the HTTP carrier and come back DELIVERED through its signed receipt webhook; a number no
 * route takes is rejected NO_ROUTE and reaches no carrier.
 */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = TwoCarriersResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RoutingIT {
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final int THROTTLED = 0x58;
    static final int INVALID_DESTINATION = 0x0B;

    @TestHTTPResource("/carriers/web/receipts")
    URL webhook;

    @Inject
    Carriers carriers;

    /** The first simulator's process, injected by the resource. */
    AtomicReference<ServiceProcess> alphaProcess;

    SimulatorAdmin alpha;
    SimulatorAdmin beta;
    TopicProbe statuses;

    @BeforeEach
    void open() {
        // Read here, not injected: every test class's injection points are checked in every test application.
        alpha = new SimulatorAdmin(alphaProcess.get().baseUrl());
        beta = new SimulatorAdmin(ConfigProvider.getConfig().getValue("test.simulator.beta-url", String.class));
        statuses = TopicProbe.open(Topics.MESSAGE_STATUS);
        awaitThat(() -> carriers.named("alpha").orElseThrow().available()
                && carriers.named("beta").orElseThrow().available(), "alpha and beta bound");
    }

    @AfterEach
    void close() {
        alpha.behaveNormally();
        beta.behaveNormally();
        statuses.close();
    }

    @Test
    void frenchNumbersFailOverToTheBackupWhileTheFirstCarrierIsDownAndComeBackWhenItReturns() {
        List<String> before = send(5);
        assertAllSubmittedAt("alpha", alpha, before);

        alphaProcess.get().close();
        awaitThat(() -> !carriers.named("alpha").orElseThrow().available(), "alpha's sessions dropped");
        List<String> during = send(5);
        assertAllSubmittedAt("beta", beta, during);

        alphaProcess.set(alphaProcess.get().restarted().awaitReady(Duration.ofSeconds(60)));
        alpha = new SimulatorAdmin(alphaProcess.get().baseUrl());
        awaitThat(() -> carriers.named("alpha").orElseThrow().available(), "alpha bound again");
        List<String> after = send(5);
        assertAllSubmittedAt("alpha", alpha, after);
        for (String number : during) {
            assertEquals(0, alpha.messagesTo(number).size(), "sent once, at beta only");
        }
        for (String number : after) {
            assertEquals(0, beta.messagesTo(number).size(), "traffic back on alpha");
        }
    }

    @Test
    void aCarrierRefusingForNowHandsTheMessageToTheNextRouteAtOnce() {
        String number = TestNumbers.frenchMobile();
        alpha.refuse(number, THROTTLED, 0);
        MessageApproved message = approve(TestEvents.marketing(number, "promo"));
        TestProducer.send(message);

        MessageStatus status = statusOf(message.messageId());
        assertEquals(DeliveryStatus.SUBMITTED, status.status());
        assertEquals("beta", status.carrier());
        assertEquals(1, alpha.refusalsOf(number));
        assertEquals(1, beta.messagesTo(number).size());
        assertEquals(0, alpha.messagesTo(number).size());
    }

    @Test
    void aDestinationNoRouteTakesIsRejectedNoRouteAndReachesNoCarrier() {
        String french = TestNumbers.frenchMobile();
        String german = "+4915" + String.format("%09d", ThreadLocalRandom.current().nextInt(1_000_000_000));
        MessageApproved routed = approve(TestEvents.marketing(french, "promo"));
        MessageApproved unrouted = approve(TestEvents.marketing(german, "promo"));
        try (TopicProbe rejections = TopicProbe.open(Topics.MESSAGE_REJECTED)) {
            TestProducer.sendAll(List.of(unrouted, routed));

            MessageRejected rejected = rejections.awaitEvent(MessageRejected.class,
                    r -> r.messageId().equals(unrouted.messageId()), TIMEOUT);
            assertEquals(RejectionReason.NO_ROUTE, rejected.reason());
            assertEquals(DeliveryStatus.SUBMITTED, statusOf(routed.messageId()).status());
            assertEquals(1, alpha.messagesTo(french).size());
            assertEquals(0, alpha.messagesTo(german).size() + beta.messagesTo(german).size());

            TestProducer.send(unrouted); // a redelivery: announced again from the ledger
            assertEquals(2, rejections.awaitEvents(MessageRejected.class,
                    r -> r.messageId().equals(unrouted.messageId()), 2, TIMEOUT).size());
        }
    }

    @Test
    void theHttpCarrierTakesUkNumbersAndItsWebhookReceiptEndsThemDelivered() {
        beta.httpWebhook(webhook.toString());
        String number = ukMobile();
        String refusedNumber = ukMobile();
        beta.behave(Map.of(), Map.of(refusedNumber, INVALID_DESTINATION));
        MessageApproved message = approve(TestEvents.marketing(number, "promo"));
        MessageApproved refused = approve(TestEvents.marketing(refusedNumber, "promo"));
        TestProducer.sendAll(List.of(message, refused));

        List<MessageStatus> story = statuses.awaitEvents(MessageStatus.class,
                s -> s.messageId().equals(message.messageId()), 2, TIMEOUT);
        assertEquals(DeliveryStatus.SUBMITTED, story.get(0).status());
        assertEquals("web", story.get(0).carrier());
        Map<String, Object> atCarrier = beta.awaitMessagesTo(number, 1, TIMEOUT).get(0);
        assertEquals(atCarrier.get("carrierMessageId"), story.get(0).carrierMessageId());
        assertEquals(message.body(), atCarrier.get("text"));
        assertEquals(DeliveryStatus.DELIVERED, story.get(1).status());
        assertEquals("web", story.get(1).carrier());

        MessageStatus failed = statusOf(refused.messageId());
        assertEquals(DeliveryStatus.FAILED, failed.status());
        assertTrue(failed.error().startsWith("http:400"), failed.error());
        assertEquals(0, alpha.messagesTo(number).size(), "no SMPP carrier has a UK route");
    }

    /** web's response timeout is 2 s in this test: the HTTP carrier answers after 4. */
    @Test
    void anHttpSubmitWithoutAnAnswerInTimeEndsUnconfirmedAndIsNeverSentAgain() throws InterruptedException {
        String silent = ukMobile();
        beta.behave(Map.of(silent, 4_000), Map.of());
        MessageApproved message = approve(TestEvents.marketing(silent, "promo"));
        TestProducer.send(message);

        MessageStatus status = statusOf(message.messageId());
        assertEquals(DeliveryStatus.UNCONFIRMED, status.status());
        assertEquals("web", status.carrier());
        Thread.sleep(4_000); // beyond the late answer and any retry
        assertEquals(1, beta.messagesTo(silent).size(), "taken once, never sent again");
    }

    @Test
    void theReceiptWebhookRefusesWhatTheCarrierDidNotSign() throws Exception {
        String body = "{\"id\":\"1234\",\"status\":\"DELIVRD\",\"error\":\"000\"}";
        assertEquals(401, post(webhook.toString(), body, Map.of()));
        assertEquals(401, post(webhook.toString(), body, SignedWebhook.headers("not-the-secret", body)));
        assertEquals(401, post(webhook.toString(), body, SignedWebhook.headers(TwoCarriersResource.WEBHOOK_SECRET,
                Instant.now().minusSeconds(3600).getEpochSecond(), body)));
        assertEquals(404, post(webhook.toString().replace("/web/", "/alpha/"), body,
                SignedWebhook.headers(TwoCarriersResource.WEBHOOK_SECRET, body)));
        assertEquals(400, post(webhook.toString(), "[1]", SignedWebhook.headers(TwoCarriersResource.WEBHOOK_SECRET,
                "[1]")));
        // Signed, for an id nobody sent: refused (503, the carrier sends it again) within
        // dispatch.receipts.unmatched-grace (3 s here), since its submit may not be recorded yet; then kept for
        // review, 200.
        String unknown = "{\"id\":\"" + Long.toHexString(UUID.randomUUID().getMostSignificantBits() & Long.MAX_VALUE)
                + "\",\"status\":\"DELIVRD\",\"error\":\"000\"}";
        assertEquals(503, post(webhook.toString(), unknown, SignedWebhook.headers(TwoCarriersResource.WEBHOOK_SECRET,
                unknown)));
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        int status;
        do {
            Thread.sleep(500); // as a carrier sending it again
            status = post(webhook.toString(), unknown, SignedWebhook.headers(TwoCarriersResource.WEBHOOK_SECRET,
                    unknown));
        } while (status == 503 && System.nanoTime() < deadline);
        assertEquals(200, status, "kept for review once the grace is over");
    }

    private List<String> send(int count) {
        List<String> numbers = new ArrayList<>();
        List<MessageApproved> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String number = TestNumbers.frenchMobile();
            numbers.add(number);
            messages.add(approve(TestEvents.marketing(number, "promo")));
        }
        TestProducer.sendAll(messages);
        for (MessageApproved message : messages) {
            MessageStatus status = statusOf(message.messageId());
            assertEquals(DeliveryStatus.SUBMITTED, status.status(), status.toString());
        }
        return numbers;
    }

    private void assertAllSubmittedAt(String carrier, SimulatorAdmin simulator, List<String> numbers) {
        for (String number : numbers) {
            assertEquals(1, simulator.awaitMessagesTo(number, 1, TIMEOUT).size(), carrier + " has it once");
            List<MessageStatus> submitted = statuses.awaitEvents(MessageStatus.class,
                    s -> s.recipient().equals(number) && s.status() == DeliveryStatus.SUBMITTED, 1, TIMEOUT);
            assertEquals(carrier, submitted.get(0).carrier());
        }
    }

    private MessageStatus statusOf(String messageId) {
        return statuses.awaitEvent(MessageStatus.class, s -> s.messageId().equals(messageId)
                && s.status() != DeliveryStatus.DELIVERED, TIMEOUT);
    }

    private static String ukMobile() {
        return "+447" + String.format("%09d", ThreadLocalRandom.current().nextInt(1_000_000_000));
    }

    static MessageApproved approve(MessageRequested request) {
        SmsEncoding.Result encoding = SmsEncoding.of(request.body());
        Instant now = Instant.now();
        return new MessageApproved(request, request.body(), encoding.encoding(), encoding.segments(), false, now, now);
    }

    private static int post(String url, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static void awaitThat(BooleanSupplier condition, String what) {
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + TIMEOUT + ": " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
