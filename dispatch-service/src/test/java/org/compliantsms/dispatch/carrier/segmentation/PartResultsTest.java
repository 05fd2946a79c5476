package org.compliantsms.dispatch.carrier.segmentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.compliantsms.dispatch.carrier.CarrierError;
import org.compliantsms.dispatch.carrier.ErrorClass;
import org.compliantsms.dispatch.carrier.SubmitResult;
import org.junit.jupiter.api.Test;

/** A long message's one result from its parts': what may have left is never sent again. */
class PartResultsTest {
    static final SubmitResult.Accepted A = new SubmitResult.Accepted("a");
    static final SubmitResult.Accepted B = new SubmitResult.Accepted("b");
    static final SubmitResult.Accepted C = new SubmitResult.Accepted("c");
    static final SubmitResult.Refused THROTTLED = new SubmitResult.Refused(
            new CarrierError("smpp:0x00000058", "ESME_RTHROTTLED", "throttled", ErrorClass.TRANSIENT));
    static final SubmitResult.Refused BAD_DESTINATION = new SubmitResult.Refused(
            new CarrierError("smpp:0x0000000B", "ESME_RINVDSTADR", "bad destination", ErrorClass.PERMANENT));
    static final SubmitResult.Unknown SILENT = new SubmitResult.Unknown("no answer");
    static final SubmitResult.NotSent BROKEN = new SubmitResult.NotSent("session broke");

    @Test
    void everyPartAcceptedIsAcceptedWithEveryPartIdInOrder() {
        SubmitResult.Accepted accepted = assertInstanceOf(SubmitResult.Accepted.class,
                PartResults.combine(List.of(A, B, C)));
        assertEquals("a", accepted.carrierMessageId());
        assertEquals(List.of("a", "b", "c"), accepted.partIds());
    }

    @Test
    void aPartWithoutAnswerMakesTheMessageUnknownWhateverElseHappened() {
        assertInstanceOf(SubmitResult.Unknown.class, PartResults.combine(List.of(A, SILENT, C)));
        assertInstanceOf(SubmitResult.Unknown.class, PartResults.combine(List.of(BAD_DESTINATION, SILENT, BROKEN)));
        SubmitResult.Unknown unknown = (SubmitResult.Unknown) PartResults.combine(List.of(THROTTLED, A, SILENT));
        assertTrue(unknown.reason().contains("part 3/3"), unknown.reason());
        assertTrue(unknown.reason().contains("[a]"), unknown.reason());
    }

    @Test
    void partsAcceptedBesideARefusalFailForGoodEvenWhenTheRefusalWasForNow() {
        for (SubmitResult other : List.of(THROTTLED, BAD_DESTINATION, BROKEN)) {
            SubmitResult.Refused refused = assertInstanceOf(SubmitResult.Refused.class,
                    PartResults.combine(List.of(A, other, C)));
            assertEquals(ErrorClass.PERMANENT, refused.error().errorClass(),
                    "a message sent in part must never be retried whole");
            String detail = refused.error().description();
            assertTrue(detail.contains("sent in part"), detail);
            assertTrue(detail.contains("[a, c]"), detail);
        }
        assertEquals("smpp:0x00000058",
                ((SubmitResult.Refused) PartResults.combine(List.of(A, THROTTLED))).error().code());
    }

    @Test
    void whenNoPartLeftTheWorstRefusalDecidesAndOnlyThenIsItRetried() {
        SubmitResult.Refused permanent = assertInstanceOf(SubmitResult.Refused.class,
                PartResults.combine(List.of(THROTTLED, BAD_DESTINATION, BROKEN)));
        assertEquals(ErrorClass.PERMANENT, permanent.error().errorClass());
        assertEquals("smpp:0x0000000B", permanent.error().code());
        SubmitResult.Refused later = assertInstanceOf(SubmitResult.Refused.class,
                PartResults.combine(List.of(BROKEN, THROTTLED)));
        assertEquals(ErrorClass.TRANSIENT, later.error().errorClass());
        assertInstanceOf(SubmitResult.NotSent.class, PartResults.combine(List.of(BROKEN, BROKEN)));
    }

    @Test
    void aSinglePartIsItsOwnResult() {
        assertEquals(THROTTLED, PartResults.combine(List.of(THROTTLED)));
        assertEquals(A, PartResults.combine(List.of(A)));
    }
}
