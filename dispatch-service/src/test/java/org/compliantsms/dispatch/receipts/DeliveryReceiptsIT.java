package org.compliantsms.dispatch.receipts;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.compliantsms.dispatch.sending.ApprovedMessageSenderIT;
import org.compliantsms.events.DeliveryStatus;
import org.compliantsms.events.MessageApproved;
import org.compliantsms.events.MessageStatus;
import org.compliantsms.events.Topics;
import org.compliantsms.testing.CarrierSimulatorResource;
import org.compliantsms.testing.PlatformTestResource;
import org.compliantsms.testing.SimulatorAdmin;
import org.compliantsms.testing.TestEvents;
import org.compliantsms.testing.TestNumbers;
import org.compliantsms.testing.TestProducer;
import org.compliantsms.testing.TestTokens;
import org.compliantsms.testing.TopicProbe;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Receipts from the simulator over real SMPP become statuses of the message they are about: correlated through the
 * carrier's id (hex, or decimal in receipts of hex submits), with the carrier's error code; one final status per
 * message; a receipt for an id nobody sent is kept for review.
 */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = CarrierSimulatorResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class DeliveryReceiptsIT {
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    @ConfigProperty(name = "test.simulator.admin-url")
    String simulatorUrl;

    SimulatorAdmin carrier;
    TopicProbe statuses;

    @BeforeEach
    void open() {
        carrier = new SimulatorAdmin(simulatorUrl);
        statuses = TopicProbe.open(Topics.MESSAGE_STATUS);
    }

    @AfterEach
    void close() {
        carrier.receiptsAsConfigured();
        statuses.close();
    }

    @Test
    void aDeliveredReceiptBecomesTheMessagesDeliveredStatus() {
        MessageApproved message = sendWithReceipts("HEX", "DELIVRD");

        MessageStatus submitted = awaitStatus(message, DeliveryStatus.SUBMITTED);
        MessageStatus delivered = awaitStatus(message, DeliveryStatus.DELIVERED);
        assertEquals(submitted.carrierMessageId(), delivered.carrierMessageId());
        assertEquals(message.recipient(), delivered.recipient());
        assertEquals(message.request().programId(), delivered.programId());
        assertEquals(message.request().campaignId(), delivered.campaignId());
        assertEquals("simulator", delivered.carrier());
        assertNull(delivered.error());
    }

    @Test
    void aFailedDeliveryCarriesTheCarriersErrorCode() {
        String failing = TestNumbers.frenchMobile();
        carrier.receipts(knobs("HEX", Map.of("*", List.of(outcome("DELIVRD", "000")),
                failing, List.of(outcome("UNDELIV", "034")))));
        MessageApproved lost = ApprovedMessageSenderIT.approve(TestEvents.marketing(failing, "promo"));
        MessageApproved fine = ApprovedMessageSenderIT.approve(TestEvents.marketing(TestNumbers.frenchMobile(),
                "promo"));
        TestProducer.sendAll(List.of(lost, fine));

        MessageStatus undeliverable = awaitStatus(lost, DeliveryStatus.UNDELIVERABLE);
        assertEquals("034", undeliverable.error());
        assertEquals(DeliveryStatus.DELIVERED, awaitFinal(fine).status());
    }

    @Test
    void decimalReceiptsOfHexSubmitsAreCorrelated() {
        MessageApproved message = sendWithReceipts("HEX_SUBMIT_DECIMAL_RECEIPT", "EXPIRED");

        String hex = awaitStatus(message, DeliveryStatus.SUBMITTED).carrierMessageId();
        MessageStatus expired = awaitStatus(message, DeliveryStatus.EXPIRED);
        assertNotEquals(hex, expired.carrierMessageId(), "the receipt wrote it in decimal");
        assertEquals(new BigInteger(hex, 16), new BigInteger(expired.carrierMessageId(), 10));
    }

    @Test
    void onlyTheFirstFinalReceiptOfAMessageIsPublished() {
        MessageApproved message = sendWithReceipts("HEX", "DELIVRD");
        String id = awaitStatus(message, DeliveryStatus.SUBMITTED).carrierMessageId();
        awaitStatus(message, DeliveryStatus.DELIVERED);

        double duplicates = metric("DUPLICATE");
        double progress = metric("NOT_FINAL");
        // Another final state for the same message (as another part's receipt would be), and a state on the way.
        carrier.injectReceipt(Map.of("id", id, "stat", "UNDELIV", "err", "001"));
        carrier.injectReceipt(Map.of("id", id, "stat", "ENROUTE"));
        await(() -> metric("DUPLICATE") > duplicates && metric("NOT_FINAL") > progress,
                "the later receipts were matched");
        assertTrue(statuses.eventsDuring(MessageStatus.class, s -> s.messageId().equals(message.messageId())
                && s.status() != DeliveryStatus.SUBMITTED && s.status() != DeliveryStatus.DELIVERED,
                Duration.ofSeconds(1)).isEmpty(), "matched, not published again");
    }

    @Test
    void aReceiptForAnUnknownIdIsKeptForReviewAndAnswered() {
        String unknown = Long.toHexString(UUID.randomUUID().getMostSignificantBits() & Long.MAX_VALUE);
        double kept = reviewMetric();
        long acknowledged = carrier.receiptCounts().get("acknowledged");
        long refused = carrier.receiptCounts().get("refused");
        carrier.injectReceipt(Map.of("id", unknown, "stat", "DELIVRD", "form", "TEXT"));

        await(() -> reviewed(unknown), "the receipt is listed at /review/receipts");
        await(() -> carrier.receiptCounts().get("acknowledged") > acknowledged, "the carrier got its answer");
        // Within dispatch.receipts.unmatched-grace (3 s here) it was refused, so that the carrier sent it again: the
        // message it belongs to may just not be recorded yet.
        assertTrue(carrier.receiptCounts().get("refused") > refused, "first answered with an error");
        assertEquals(kept + 1, reviewMetric(), "counted once in sms_dispatch_receipts_review_total");
        int total = given().auth().oauth2(TestTokens.token("auditor")).get("/review/receipts").then().statusCode(200)
                .extract().path("kept");
        assertTrue(total >= 1, "kept counts it: " + total);

        // Sent again by the carrier: still one review item, not counted again.
        carrier.injectReceipt(Map.of("id", unknown, "stat", "DELIVRD", "form", "TEXT"));
        await(() -> carrier.receiptCounts().get("acknowledged") > acknowledged + 1, "the second one answered");
        assertEquals(kept + 1, reviewMetric());
        long listed = given().auth().oauth2(TestTokens.token("auditor")).queryParam("limit", 1000)
                .get("/review/receipts").then().statusCode(200).extract()
                .jsonPath().getList("latest.carrierMessageId", String.class).stream().filter(unknown::equals).count();
        assertEquals(1, listed);
    }

    /** A fresh message sent while every receipt has this outcome and the ids this format. */
    private MessageApproved sendWithReceipts(String idFormat, String stat) {
        carrier.receipts(knobs(idFormat, Map.of("*", List.of(outcome(stat, "000")))));
        MessageApproved message = ApprovedMessageSenderIT.approve(TestEvents.marketing(TestNumbers.frenchMobile(),
                "promo"));
        TestProducer.send(message);
        return message;
    }

    private MessageStatus awaitStatus(MessageApproved message, DeliveryStatus status) {
        return statuses.awaitEvent(MessageStatus.class,
                s -> s.messageId().equals(message.messageId()) && s.status() == status, TIMEOUT);
    }

    private MessageStatus awaitFinal(MessageApproved message) {
        return statuses.awaitEvent(MessageStatus.class,
                s -> s.messageId().equals(message.messageId()) && s.status() != DeliveryStatus.SUBMITTED, TIMEOUT);
    }

    private static Map<String, Object> knobs(String idFormat, Map<String, List<Map<String, Object>>> outcomes) {
        return Map.of("enabled", true, "delayMs", 200, "idFormat", idFormat, "form", "BOTH", "outcomes", outcomes);
    }

    private static Map<String, Object> outcome(String stat, String err) {
        return Map.of("stat", stat, "err", err, "weight", 1);
    }

    private static boolean reviewed(String carrierMessageId) {
        return given().auth().oauth2(TestTokens.token("auditor")).queryParam("limit", 1000)
                .get("/review/receipts").then().statusCode(200).extract().jsonPath()
                .getList("latest.carrierMessageId", String.class).contains(carrierMessageId);
    }

    private static double metric(String resolution) {
        return sum(Pattern.compile("^sms_dispatch_receipts_total\\{[^}]*resolution=\"" + resolution
                + "\"[^}]*\\} (\\S+)$", Pattern.MULTILINE));
    }

    private static double reviewMetric() {
        return sum(Pattern.compile("^sms_dispatch_receipts_review_total(?:\\{[^}]*\\})? (\\S+)$", Pattern.MULTILINE));
    }

    private static double sum(Pattern pattern) {
        Matcher matcher = pattern.matcher(given().get("/q/metrics").then().statusCode(200).extract().asString());
        double total = 0;
        while (matcher.find()) {
            total += Double.parseDouble(matcher.group(1));
        }
        return total;
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
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
