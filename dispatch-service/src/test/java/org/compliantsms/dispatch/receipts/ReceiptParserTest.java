package org.compliantsms.dispatch.receipts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.compliantsms.events.DeliveryStatus;
import org.junit.jupiter.api.Test;

class ReceiptParserTest {
    private static final String DELIVERED = "id:0123456789 sub:001 dlvrd:001 submit date:2512011200 "
            + "done date:2512011201 stat:DELIVRD err:000 text:Hello there";

    @Test
    void theStandardTextOfADeliveredMessage() throws Exception {
        Receipt receipt = ReceiptParser.parse(DELIVERED, null, null, null);
        assertEquals("0123456789", receipt.carrierMessageId());
        assertEquals(ReceiptState.DELIVERED, receipt.state());
        assertEquals(DeliveryStatus.DELIVERED, receipt.state().status().orElseThrow());
        assertNull(receipt.error(), "err:000 is no error");
        assertEquals(DELIVERED, receipt.text());
    }

    @Test
    void aFailureKeepsTheCarriersErrorCode() throws Exception {
        Receipt receipt = ReceiptParser.parse("id:1a2b sub:001 dlvrd:000 submit date:2512011200 done date:2512011201"
                + " stat:UNDELIV err:034 text:", null, null, null);
        assertEquals(ReceiptState.UNDELIVERABLE, receipt.state());
        assertEquals(DeliveryStatus.UNDELIVERABLE, receipt.state().status().orElseThrow());
        assertEquals("034", receipt.error());
    }

    @Test
    void keysInAnyCaseAndOrder() throws Exception {
        Receipt receipt = ReceiptParser.parse("Stat:EXPIRED Err:001 ID:ABC123 Sub:001 Dlvrd:000", null, null, null);
        assertEquals("ABC123", receipt.carrierMessageId());
        assertEquals(ReceiptState.EXPIRED, receipt.state());
        assertEquals("001", receipt.error());
    }

    @Test
    void theIdInsideTheMessageTextIsNotTakenForTheReceiptsId() throws Exception {
        Receipt receipt = ReceiptParser.parse("id:77 sub:001 dlvrd:001 stat:DELIVRD err:000 text:your id:99",
                null, null, null);
        assertEquals("77", receipt.carrierMessageId());
    }

    @Test
    void tlvsArePreferredOverTheText() throws Exception {
        // A carrier whose text says one thing and TLVs another: the TLVs are the machine-readable truth.
        Receipt receipt = ReceiptParser.parse(DELIVERED, "6699", 5, new byte[] { 3, 0x01, 0x02 });
        assertEquals("6699", receipt.carrierMessageId());
        assertEquals(ReceiptState.UNDELIVERABLE, receipt.state());
        // err: of the text wins over network_error_code only when present; here it is 000, so none.
        assertNull(receipt.error());
    }

    @Test
    void tlvsAloneWithTheNetworkErrorCode() throws Exception {
        Receipt receipt = ReceiptParser.parse("", "1A2B", 8, new byte[] { 3, 0x01, 0x02 });
        assertEquals("1A2B", receipt.carrierMessageId());
        assertEquals(ReceiptState.REJECTED, receipt.state());
        assertEquals(DeliveryStatus.REJECTED, receipt.state().status().orElseThrow());
        assertEquals("258", receipt.error(), "0x0102");
    }

    @Test
    void theMappingOfEveryState() {
        assertEquals(DeliveryStatus.DELIVERED, status("DELIVRD"));
        assertEquals(DeliveryStatus.UNDELIVERABLE, status("UNDELIV"));
        assertEquals(DeliveryStatus.EXPIRED, status("EXPIRED"));
        assertEquals(DeliveryStatus.REJECTED, status("REJECTD"));
        assertEquals(DeliveryStatus.REJECTED, status("DELETED"));
        assertEquals(DeliveryStatus.UNKNOWN, status("UNKNOWN"));
        assertEquals(DeliveryStatus.DELIVERED, status("delivered"));
        assertFalse(ReceiptState.ofStat("ENROUTE").orElseThrow().isFinal());
        assertFalse(ReceiptState.ofStat("ACCEPTD").orElseThrow().isFinal());
        assertEquals(ReceiptState.UNKNOWN, ReceiptState.ofCode(42), "a state outside SMPP's still ends the story");
        assertEquals(ReceiptState.DELIVERED, ReceiptState.ofCode(2));
    }

    @Test
    void anUnknownStatWordIsUnknownWithTheWordKept() throws Exception {
        Receipt receipt = ReceiptParser.parse("id:5 stat:WEIRD err:000", null, null, null);
        assertEquals(ReceiptState.UNKNOWN, receipt.state());
        assertEquals("stat WEIRD", receipt.error());
    }

    @Test
    void withoutAnIdOrAStateItIsAClearError() {
        ReceiptFormatException noId = assertThrows(ReceiptFormatException.class,
                () -> ReceiptParser.parse("stat:DELIVRD err:000", null, null, null));
        assertTrue(noId.getMessage().contains("without a message id"), noId.getMessage());
        ReceiptFormatException noState = assertThrows(ReceiptFormatException.class,
                () -> ReceiptParser.parse("id:42 err:000", null, null, null));
        assertTrue(noState.getMessage().contains("without a state"), noState.getMessage());
    }

    private static DeliveryStatus status(String stat) {
        return ReceiptState.ofStat(stat).orElseThrow().status().orElseThrow();
    }
}
