package org.compliantsms.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Every event of the contract: its sample validates, round-trips, and a broken copy is rejected. */
class EventContractTest {

    static byte[] sample(EventType type) throws IOException {
        String name = "/samples/" + type.schemaFileName().replace(".v1.schema.json", ".json");
        try (InputStream in = EventContractTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing sample " + name);
            }
            return in.readAllBytes();
        }
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void sampleValidatesAgainstItsSchema(EventType type) throws IOException {
        JsonNode tree = EventCodec.mapper().readTree(sample(type));
        assertEquals(java.util.List.of(), EventCodec.violations(type, tree));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void recordRoundTripsThroughTheCodec(EventType type) throws IOException {
        SmsEvent event = EventCodec.decode(sample(type), type.recordType());
        byte[] encoded = EventCodec.encode(event);
        assertEquals(event, EventCodec.decode(encoded, type.recordType()));
        // what is written is itself valid against the schema
        assertTrue(EventCodec.violations(type, EventCodec.mapper().readTree(encoded)).isEmpty());
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void missingRequiredFieldIsRejected(EventType type) throws IOException {
        ObjectNode tree = (ObjectNode) EventCodec.mapper().readTree(sample(type));
        String firstRequired = firstRequiredField(type);
        tree.remove(firstRequired);
        MalformedEventException e = assertThrows(MalformedEventException.class,
                () -> EventCodec.decode(EventCodec.mapper().writeValueAsBytes(tree), type.recordType()));
        assertTrue(e.getMessage().contains(firstRequired), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void deserializerPicksTheTypeFromTheTopicAndItsDeadLetterTopic(EventType type) throws IOException {
        try (EventDeserializer deserializer = new EventDeserializer()) {
            assertInstanceOf(type.recordType(), deserializer.deserialize(type.topic(), sample(type)));
            assertInstanceOf(type.recordType(), deserializer.deserialize(type.topic() + Topics.DLQ_SUFFIX, sample(type)));
        }
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void serializerWritesWhatTheCodecReads(EventType type) throws IOException {
        SmsEvent event = EventCodec.decode(sample(type), type.recordType());
        try (EventSerializer serializer = new EventSerializer()) {
            assertEquals(event, EventCodec.decode(serializer.serialize(type.topic(), event), type.recordType()));
        }
    }

    @org.junit.jupiter.api.Test
    void notJsonIsRejectedWithAReason() {
        MalformedEventException e = assertThrows(MalformedEventException.class,
                () -> EventCodec.decode("{not json".getBytes(StandardCharsets.UTF_8), MessageRequested.class));
        assertTrue(e.getMessage().contains("not JSON"), e.getMessage());
        assertThrows(MalformedEventException.class, () -> EventCodec.decode(new byte[0], MessageRequested.class));
    }

    @org.junit.jupiter.api.Test
    void wrongValuesAreRejected() throws IOException {
        assertBroken(EventType.MESSAGE_REQUESTED, t -> t.put("category", "PROMO"), "category");
        assertBroken(EventType.MESSAGE_REQUESTED, t -> t.put("requestedAt", "yesterday"), "requestedAt");
        assertBroken(EventType.MESSAGE_REQUESTED, t -> t.put("programId", "has spaces"), "programId");
        assertBroken(EventType.MESSAGE_REQUESTED, t -> t.put("body", ""), "body");
        assertBroken(EventType.MESSAGE_REQUESTED, t -> t.put("messageId", 42), "messageId");
        assertBroken(EventType.MESSAGE_STATUS, t -> t.put("recipient", "0612345678"), "recipient");
        assertBroken(EventType.MESSAGE_APPROVED, t -> t.put("segments", 0), "segments");
        assertBroken(EventType.MESSAGE_APPROVED, t -> ((ObjectNode) t.get("request")).remove("recipient"), "recipient");
        assertBroken(EventType.SUPPRESSION_STATE, t -> t.put("scope", "country:FR"), "scope");
        // an opt-out of one program must name the program; OPT_OUT_ALL need not
        assertBroken(EventType.CONSENT_CHANGED, t -> t.remove("programId"), "programId");
        ObjectNode all = (ObjectNode) EventCodec.mapper().readTree(sample(EventType.CONSENT_CHANGED));
        all.put("action", "OPT_OUT_ALL").remove("programId");
        assertTrue(EventCodec.violations(EventType.CONSENT_CHANGED, all).isEmpty());
    }

    @org.junit.jupiter.api.Test
    void unknownFieldsAreIgnoredForForwardCompatibility() throws IOException {
        ObjectNode tree = (ObjectNode) EventCodec.mapper().readTree(sample(EventType.MESSAGE_REQUESTED));
        tree.put("addedInAMinorVersion", true);
        MessageRequested request = EventCodec.decode(EventCodec.mapper().writeValueAsBytes(tree), MessageRequested.class);
        assertEquals("acme-promo", request.programId());
    }

    @org.junit.jupiter.api.Test
    void nullOptionalFieldsAreLeftOut() {
        MessageRequested request = new MessageRequested("m-1", "p", null, Category.TRANSACTIONAL, "+33612345678",
                "hello", "ACME", null, null, null, java.time.Instant.parse("2026-11-26T10:00:00Z"));
        String json = new String(EventCodec.encode(request), StandardCharsets.UTF_8);
        assertFalse(json.contains("null"), json);
        assertFalse(json.contains("partitionKey"), json);
        assertEquals(request, EventCodec.decode(json.getBytes(StandardCharsets.UTF_8), MessageRequested.class));
    }

    private static void assertBroken(EventType type, Consumer<ObjectNode> breakIt, String field) throws IOException {
        ObjectNode tree = (ObjectNode) EventCodec.mapper().readTree(sample(type));
        breakIt.accept(tree);
        var violations = EventCodec.violations(type, tree);
        assertFalse(violations.isEmpty(), type + " should reject a broken " + field);
        assertTrue(violations.stream().anyMatch(v -> v.contains(field)), violations.toString());
    }

    private static String firstRequiredField(EventType type) {
        try (InputStream in = EventContractTest.class.getResourceAsStream("/schemas/" + type.schemaFileName())) {
            return EventCodec.mapper().readTree(in).get("required").get(0).asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
