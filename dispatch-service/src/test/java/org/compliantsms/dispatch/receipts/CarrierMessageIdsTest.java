package org.compliantsms.dispatch.receipts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class CarrierMessageIdsTest {
    @Test
    void normalFormIsLowerCaseWithoutLeadingZeros() {
        assertEquals("1a2b", CarrierMessageIds.normalise(" 001A2B "));
        assertEquals("0", CarrierMessageIds.normalise("0000"));
        assertEquals("abc-123", CarrierMessageIds.normalise("ABC-123"));
    }

    @Test
    void aDecimalReceiptIdAlsoMatchesTheHexItWasSubmittedAs() {
        // The carrier answered submit_sm with 1a2b and writes 6699 in its receipt.
        assertEquals(List.of("6699", "1a2b", "26265"), CarrierMessageIds.candidates("6699", true));
        assertEquals("1a2b", CarrierMessageIds.normalise("1A2B"));
    }

    @Test
    void aHexReceiptIdAlsoMatchesItsDecimalForm() {
        assertEquals(List.of("1a2b", "6699"), CarrierMessageIds.candidates("1A2B", true));
        assertEquals(List.of("00000000000000ff".replaceFirst("^0+", ""), "255"),
                CarrierMessageIds.candidates("00000000000000FF", true));
    }

    @Test
    void otherIdsAndTheExactModeMatchAsWrittenOnly() {
        assertEquals(List.of("msg-42"), CarrierMessageIds.candidates("MSG-42", true));
        assertEquals(List.of("6699"), CarrierMessageIds.candidates("6699", false));
    }
}
