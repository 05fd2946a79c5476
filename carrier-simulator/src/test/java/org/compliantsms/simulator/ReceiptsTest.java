package org.compliantsms.simulator;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.OptionalParameter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Receipts as a client sees them: after the delay, in text and TLVs, with the knobs' outcomes and id formats. */
@QuarkusTest
class ReceiptsTest {
    /** UK numbers reserved for drama: never a real handset. */
    static final String FAILING = "+447700900201";
    static final String OTHER = "+447700900301";
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Pattern STAT = Pattern.compile("stat:(\\S+)");

    ReceiptClient client;

    @AfterEach
    void reset() {
        given().delete("/admin/receipts/behaviour").then().statusCode(204);
        if (client != null) {
            client.close();
        }
        // The simulator keeps receipts until they are acknowledged: those left unanswered would go to the next test.
        given().delete("/admin/receipts/pending").then().statusCode(204);
    }

    @Test
    void aReceiptFollowsTheSubmitAfterTheDelayInTextAndTlvs() throws Exception {
        knobs("{\"enabled\": true, \"delayMs\": 400, \"idFormat\": \"HEX\", \"form\": \"BOTH\","
                + " \"outcomes\": {\"*\": [{\"stat\": \"DELIVRD\", \"err\": \"000\", \"weight\": 1}]}}");
        client = new ReceiptClient();
        long start = System.nanoTime();
        String id = client.submit(OTHER, "hello with a receipt");
        assertTrue(id.matches("[0-9a-f]{16}"), "16 hex digits: " + id);

        DeliverSm receipt = client.next(WAIT);
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertNotNull(receipt, "a receipt within " + WAIT);
        assertTrue(elapsedMs >= 400, "sent after the delay, not " + elapsedMs + " ms");
        assertTrue(receipt.isSmscDeliveryReceipt(), "esm_class has the receipt bit");
        String text = new String(receipt.getShortMessage());
        assertTrue(text.startsWith("id:" + id + " sub:001 dlvrd:001 submit date:"), text);
        assertTrue(text.contains(" stat:DELIVRD err:000 text:hello with a receipt"), text);
        assertEquals(id, tlvId(receipt));
        assertEquals(2, state(receipt));
        assertNull(receipt.getOptionalParameter(OptionalParameter.Tag.NETWORK_ERROR_CODE), "no error, no code");
        assertEquals(OTHER.substring(1), receipt.getSourceAddr(), "from the handset");
    }

    @Test
    void outcomesPerPrefixAndDecimalIdsInReceipts() throws Exception {
        knobs("{\"enabled\": true, \"delayMs\": 0, \"idFormat\": \"HEX_SUBMIT_DECIMAL_RECEIPT\", \"form\": \"BOTH\","
                + " \"outcomes\": {\"*\": [{\"stat\": \"DELIVRD\", \"weight\": 1}],"
                + " \"+4477009002\": [{\"stat\": \"UNDELIV\", \"err\": \"34\", \"weight\": 1}]}}");
        client = new ReceiptClient();
        String failing = client.submit(FAILING, "to a prefix that fails");
        DeliverSm receipt = client.next(WAIT);
        assertNotNull(receipt);
        String decimal = new BigInteger(failing, 16).toString();
        String text = new String(receipt.getShortMessage());
        assertTrue(text.startsWith("id:" + decimal + " "), "decimal id " + decimal + " in " + text);
        assertTrue(text.contains("stat:UNDELIV err:034"), text);
        assertEquals(decimal, tlvId(receipt));
        assertEquals(5, state(receipt));
        OptionalParameter.OctetString error = (OptionalParameter.OctetString) receipt
                .getOptionalParameter(OptionalParameter.Tag.NETWORK_ERROR_CODE);
        assertArrayEquals(new byte[] { 3, 0, 34 }, error.getValue());

        client.submit(OTHER, "to any other destination");
        DeliverSm other = client.next(WAIT);
        assertNotNull(other);
        assertEquals("DELIVRD", stat(other));
    }

    @Test
    void theMixDrawsEachOutcome() throws Exception {
        knobs("{\"enabled\": true, \"delayMs\": 0, \"outcomes\": {\"*\": [{\"stat\": \"DELIVRD\", \"weight\": 1},"
                + " {\"stat\": \"EXPIRED\", \"weight\": 1}]}}");
        client = new ReceiptClient();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            client.submit(OTHER, "mix " + i);
        }
        for (int i = 0; i < 40; i++) {
            DeliverSm receipt = client.next(WAIT);
            assertNotNull(receipt, "receipt " + i);
            seen.add(stat(receipt));
        }
        // Each of 40 draws is one or the other with probability 1/2: both missing one is 2^-39.
        assertEquals(Set.of("DELIVRD", "EXPIRED"), seen);
    }

    @Test
    void aRefusedReceiptIsSentAgain() throws Exception {
        knobs("{\"enabled\": true, \"delayMs\": 0}");
        given().delete("/admin/receipts/stats").then().statusCode(204);
        client = new ReceiptClient();
        client.refuseNext(1);
        String id = client.submit(OTHER, "refused once");
        DeliverSm first = client.next(WAIT);
        DeliverSm again = client.next(WAIT);
        assertNotNull(first);
        assertNotNull(again, "sent again after the refusal");
        assertEquals(id, tlvId(first));
        assertEquals(id, tlvId(again));
        // The second answer reaches the simulator just after the client took the deliver_sm.
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (given().get("/admin/receipts/stats").then().statusCode(200).extract().<Integer>path("acknowledged") < 1
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        given().get("/admin/receipts/stats").then().statusCode(200)
                .body("refused", org.hamcrest.Matchers.equalTo(1))
                .body("acknowledged", org.hamcrest.Matchers.equalTo(1));
    }

    @Test
    void aReceiptDueWhileNoSessionIsBoundWaitsForTheNextBind() throws Exception {
        knobs("{\"enabled\": true, \"delayMs\": 200}");
        given().delete("/admin/receipts/stats").then().statusCode(204);
        String id;
        try (ReceiptClient gone = new ReceiptClient()) {
            id = gone.submit(OTHER, "kept for the next bind");
        }
        // Due after 200 ms while nobody is bound; looked at again every retry delay (300 ms here), not an attempt.
        Thread.sleep(1_000);
        given().get("/admin/receipts/stats").then().statusCode(200)
                .body("waitedForSession", org.hamcrest.Matchers.greaterThanOrEqualTo(2))
                .body("sent", org.hamcrest.Matchers.equalTo(0));
        client = new ReceiptClient();
        DeliverSm receipt = client.next(WAIT);
        assertNotNull(receipt, "delivered to the next session bound");
        assertEquals(id, tlvId(receipt));
        given().get("/admin/receipts/stats").then().statusCode(200).body("dropped", org.hamcrest.Matchers.equalTo(0));
    }

    @Test
    void disabledReceiptsAreNotSentWhileInjectedOnesAre() throws Exception {
        knobs("{\"enabled\": false, \"delayMs\": 0}");
        client = new ReceiptClient();
        client.submit(OTHER, "no receipt for this one");
        // The injected one goes out after the submit: had the submit's receipt been sent, it would come first.
        given().contentType(ContentType.JSON)
                .body("{\"id\": \"feed01\", \"stat\": \"REJECTD\", \"err\": \"7\", \"form\": \"TEXT\"}")
                .post("/admin/receipt").then().statusCode(202);
        DeliverSm injected = client.next(WAIT);
        assertNotNull(injected);
        String text = new String(injected.getShortMessage());
        assertTrue(text.startsWith("id:feed01 ") && text.contains("stat:REJECTD err:007"), text);
        assertNull(injected.getOptionalParameter(OptionalParameter.Tag.RECEIPTED_MESSAGE_ID), "TEXT form: no TLVs");
        assertNull(client.next(Duration.ofMillis(500)), "nothing else came");
    }

    @Test
    void badKnobsAndInjectionsAreRefused() {
        given().contentType(ContentType.JSON).body("{\"enabled\": true, \"outcomes\": {\"*\": [{\"stat\": \"NOPE\","
                + " \"weight\": 1}]}}").put("/admin/receipts/behaviour").then().statusCode(400);
        given().contentType(ContentType.JSON).body("{\"enabled\": true, \"outcomes\": {\"44\": [{\"stat\":"
                + " \"DELIVRD\", \"weight\": 1}]}}").put("/admin/receipts/behaviour").then().statusCode(400);
        given().contentType(ContentType.JSON).body("{\"stat\": \"DELIVRD\"}").post("/admin/receipt").then()
                .statusCode(400);
    }

    private static void knobs(String json) {
        given().contentType(ContentType.JSON).body(json).put("/admin/receipts/behaviour").then().statusCode(200);
    }

    private static String tlvId(DeliverSm receipt) {
        return ((OptionalParameter.COctetString) receipt
                .getOptionalParameter(OptionalParameter.Tag.RECEIPTED_MESSAGE_ID)).getValueAsString();
    }

    private static int state(DeliverSm receipt) {
        return ((OptionalParameter.Byte) receipt.getOptionalParameter(OptionalParameter.Tag.MESSAGE_STATE))
                .getValue();
    }

    private static String stat(DeliverSm receipt) {
        Matcher matcher = STAT.matcher(new String(receipt.getShortMessage()));
        return matcher.find() ? matcher.group(1) : null;
    }
}
