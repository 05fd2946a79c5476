package org.compliantsms.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@link EventCodec#bind} without the schema: what binds has the schema's types, and a MessageApproved holds its
 * {@link BoundContract}; everything the schema accepts still binds.
 */
class BoundContractTest {

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everySampleBindsAsItDecodes(EventType type) throws IOException {
        byte[] sample = EventContractTest.sample(type);
        assertEquals(EventCodec.decode(sample, type.recordType()), EventCodec.bind(sample, type.recordType()));
    }

    @Test
    void longBodiesWithTheirCountBind() {
        for (int length : new int[] { 160, 161, 306, 307, 1600 }) {
            String body = "a".repeat(length);
            int segments = length <= 160 ? 1 : (length + 152) / 153;
            assertEquals(body, EventCodec.bind(approved(a -> {
                a.put("body", body);
                a.put("segments", segments);
                ((ObjectNode) a.get("request")).put("body", body);
            }), MessageApproved.class).body());
        }
        String ucs2 = "é€ж".repeat(200); // 600 units: 9 parts of 67
        assertEquals(ucs2, EventCodec.bind(approved(a -> {
            a.put("body", ucs2);
            a.put("encoding", "UCS2");
            a.put("segments", 9);
        }), MessageApproved.class).body());
    }

    @Test
    void anApprovalThatBreaksItsContractDoesNotBind() {
        String fiveThousand = "x".repeat(5000);
        assertBreaks("/request/body: 5000 characters (1 to 1600)", a -> {
            a.put("body", fiveThousand);
            a.put("segments", 33);
            ((ObjectNode) a.get("request")).put("body", fiveThousand);
        });
        assertBreaks("do not fit in 1 GSM7 segment", a -> a.put("body", fiveThousand));
        assertBreaks("do not fit in 1 UCS2 segment", a -> {
            a.put("body", "é".repeat(71));
            a.put("encoding", "UCS2");
        });
        assertBreaks("/segments: -2", a -> a.put("segments", -2));
        assertBreaks("/segments: 0", a -> a.remove("segments"));
        assertBreaks("/segments: 0", a -> a.putNull("segments"));
        assertBreaks("not E.164", a -> ((ObjectNode) a.get("request")).put("recipient", "0612345678"));
        assertBreaks("not E.164", a -> ((ObjectNode) a.get("request")).put("recipient", "+33 6 12 34 56 78"));
        assertBreaks("/request: required", a -> a.remove("request"));
        assertBreaks("/request/messageId: required", a -> ((ObjectNode) a.get("request")).remove("messageId"));
        assertBreaks("/request/messageId: not", a -> ((ObjectNode) a.get("request")).put("messageId", "a b"));
        assertBreaks("/request/programId", a -> ((ObjectNode) a.get("request")).put("programId", "acme promo"));
        assertBreaks("/request/category: required", a -> ((ObjectNode) a.get("request")).remove("category"));
        assertBreaks("/request/senderId", a -> ((ObjectNode) a.get("request")).put("senderId", "S".repeat(17)));
        assertBreaks("/request/requestedAt", a -> ((ObjectNode) a.get("request")).remove("requestedAt"));
        assertBreaks("/body: required", a -> a.remove("body"));
        assertBreaks("/body: empty", a -> a.put("body", ""));
        assertBreaks("/encoding: required", a -> a.remove("encoding"));
        assertBreaks("/sendAfter: required", a -> a.remove("sendAfter"));
        assertBreaks("/approvedAt: required", a -> a.remove("approvedAt"));
    }

    @Test
    void anAbsentOptionalPrimitiveBinds() {
        assertEquals(false, EventCodec.bind(approved(a -> a.remove("footerAdded")), MessageApproved.class)
                .footerAdded());
    }

    /** Jackson would coerce these (42 to "42", "1" to 1, 1.5 to 1, 0 to an enum): binding refuses them. */
    @Test
    void aValueOfTheWrongJsonTypeDoesNotBind() {
        assertCannotBind(a -> ((ObjectNode) a.get("request")).put("recipient", 33612345678L));
        assertCannotBind(a -> a.put("body", 42));
        assertCannotBind(a -> a.put("segments", "1"));
        assertCannotBind(a -> a.put("segments", 1.5));
        assertCannotBind(a -> a.put("footerAdded", "yes"));
        assertCannotBind(a -> a.put("encoding", "GSM8"));
        assertCannotBind(a -> ((ObjectNode) a.get("request")).put("category", "PROMO"));
        assertCannotBind(a -> a.put("encoding", 0));
    }

    @Test
    void e164IsTheSchemasPattern() {
        assertTrue(BoundContract.e164("+33612345678"));
        assertTrue(BoundContract.e164("+123456"));
        assertTrue(BoundContract.e164("+123456789012345"));
        assertFalse(BoundContract.e164("+12345"));
        assertFalse(BoundContract.e164("+1234567890123456"));
        assertFalse(BoundContract.e164("+0612345678"));
        assertFalse(BoundContract.e164("33612345678"));
        assertFalse(BoundContract.e164("+3361234567a"));
    }

    private static void assertBreaks(String expected, Consumer<ObjectNode> change) {
        MalformedEventException e = assertThrows(MalformedEventException.class,
                () -> EventCodec.bind(approved(change), MessageApproved.class));
        assertTrue(e.getMessage().startsWith("org.compliantsms.message-approved.v1 breaks its contract: "),
                e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static void assertCannotBind(Consumer<ObjectNode> change) {
        MalformedEventException e = assertThrows(MalformedEventException.class,
                () -> EventCodec.bind(approved(change), MessageApproved.class));
        assertTrue(e.getMessage().startsWith("org.compliantsms.message-approved.v1: cannot bind"), e.getMessage());
    }

    private static byte[] approved(Consumer<ObjectNode> change) {
        try {
            ObjectNode tree = (ObjectNode) EventCodec.mapper().readTree(EventContractTest.sample(
                    EventType.MESSAGE_APPROVED));
            change.accept(tree);
            return EventCodec.mapper().writeValueAsBytes(tree);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
