package org.compliantsms.events.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** What the checker lets through (the documented additions) and what it reports, on small schemas. */
class SchemaCompatibilityTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String COMMON = """
            {"$defs": {"e164": {"type": "string", "pattern": "^\\\\+[1-9][0-9]{5,14}$"},
                       "status": {"enum": ["SENT", "FAILED"]}}}""";
    private static final String EVENT = """
            {"title": "Event", "type": "object", "required": ["id", "to"],
             "properties": {
               "id": {"type": "string", "minLength": 1},
               "to": {"$ref": "common.schema.json#/$defs/e164"},
               "status": {"$ref": "common.schema.json#/$defs/status"},
               "note": {"type": ["string", "null"]},
               "inner": {"type": "object", "properties": {"count": {"type": "integer", "minimum": 1}}}}}""";

    private static Map<String, JsonNode> released() throws Exception {
        return Map.of("common.schema.json", JSON.readTree(COMMON), "event.schema.json", JSON.readTree(EVENT));
    }

    /** The released schemas with one change made to the event schema. */
    private static List<String> breaksAfter(Consumer<ObjectNode> change) throws Exception {
        Map<String, JsonNode> released = released();
        ObjectNode event = (ObjectNode) released.get("event.schema.json").deepCopy();
        change.accept(event);
        return SchemaCompatibility.breakingChanges(released,
                Map.of("common.schema.json", released.get("common.schema.json"), "event.schema.json", event));
    }

    private static ObjectNode properties(ObjectNode event) {
        return (ObjectNode) event.get("properties");
    }

    @Test
    void identicalSchemasAreCompatible() throws Exception {
        assertEquals(List.of(), SchemaCompatibility.breakingChanges(released(), released()));
    }

    @Test
    void anOptionalPropertyMayBeAdded() throws Exception {
        assertEquals(List.of(), breaksAfter(e -> properties(e).putObject("locale").put("type", "string")));
    }

    @Test
    void annotationsMayChange() throws Exception {
        assertEquals(List.of(), breaksAfter(e -> {
            e.put("title", "Renamed");
            ((ObjectNode) properties(e).get("id")).put("description", "now explained");
        }));
    }

    @Test
    void anEnumValueMayBeAddedButNotRemoved() throws Exception {
        Map<String, JsonNode> released = released();
        ObjectNode common = released.get("common.schema.json").deepCopy();
        ArrayNode values = (ArrayNode) common.at("/$defs/status/enum");
        values.add("UNKNOWN");
        assertEquals(List.of(), SchemaCompatibility.breakingChanges(released,
                Map.of("common.schema.json", common, "event.schema.json", released.get("event.schema.json"))));
        values.remove(0);
        assertEquals(List.of("event.schema.json: $.status.enum: value \"SENT\" removed"),
                SchemaCompatibility.breakingChanges(released,
                        Map.of("common.schema.json", common, "event.schema.json", released.get("event.schema.json"))));
    }

    @Test
    void aNewRequiredPropertyBreaksEventsWrittenBefore() throws Exception {
        List<String> breaks = breaksAfter(e -> {
            properties(e).putObject("locale").put("type", "string");
            ((ArrayNode) e.get("required")).add("locale");
        });
        assertEquals(List.of("event.schema.json: $.required: locale newly required (events written before lack it)"),
                breaks);
    }

    @Test
    void aPropertyNoLongerRequiredBreaksReaders() throws Exception {
        assertEquals(List.of("event.schema.json: $.required: to no longer required (readers expect it)"),
                breaksAfter(e -> ((ArrayNode) e.get("required")).remove(1)));
    }

    @Test
    void aRemovedPropertyBreaks() throws Exception {
        assertEquals(List.of("event.schema.json: $.note: property removed"),
                breaksAfter(e -> properties(e).remove("note")));
    }

    @Test
    void aChangedTypeBreaks() throws Exception {
        assertEquals(List.of("event.schema.json: $.id.type: type changed from \"string\" to \"integer\""),
                breaksAfter(e -> ((ObjectNode) properties(e).get("id")).put("type", "integer")));
        // null allowed where it was not: an old reader rejects what a new writer may write
        assertEquals(1, breaksAfter(e -> ((ObjectNode) properties(e).get("id")).putArray("type").add("string")
                .add("null")).size());
    }

    @Test
    void aTypeListInAnotherOrderIsTheSameType() throws Exception {
        assertEquals(List.of(), breaksAfter(e -> ((ObjectNode) properties(e).get("note")).putArray("type").add("null")
                .add("string")));
    }

    @Test
    void aChangedOrAddedConstraintBreaks() throws Exception {
        assertEquals(List.of("event.schema.json: $.id.minLength: changed from 1 to 2"),
                breaksAfter(e -> ((ObjectNode) properties(e).get("id")).put("minLength", 2)));
        assertEquals(List.of("event.schema.json: $.note.maxLength: constraint added (10)"),
                breaksAfter(e -> ((ObjectNode) properties(e).get("note")).put("maxLength", 10)));
    }

    @Test
    void aChangeInsideANestedObjectBreaks() throws Exception {
        assertEquals(List.of("event.schema.json: $.inner.count.minimum: changed from 1 to 0"),
                breaksAfter(e -> ((ObjectNode) e.at("/properties/inner/properties/count")).put("minimum", 0)));
    }

    @Test
    void aChangeInAReferencedDefinitionBreaks() throws Exception {
        Map<String, JsonNode> released = released();
        ObjectNode common = released.get("common.schema.json").deepCopy();
        ((ObjectNode) common.at("/$defs/e164")).put("pattern", "^\\+[0-9]+$");
        List<String> breaks = SchemaCompatibility.breakingChanges(released,
                Map.of("common.schema.json", common, "event.schema.json", released.get("event.schema.json")));
        assertEquals(1, breaks.size(), breaks.toString());
        assertTrue(breaks.get(0).startsWith("event.schema.json: $.to.pattern: changed from"), breaks.get(0));
    }

    @Test
    void inliningAReferencedDefinitionIsNoChange() throws Exception {
        assertEquals(List.of(), breaksAfter(e -> properties(e).set("to",
                JSON.createObjectNode().put("type", "string").put("pattern", "^\\+[1-9][0-9]{5,14}$"))));
    }

    @Test
    void aPropertyAddedToAClosedObjectBreaks() throws Exception {
        Map<String, JsonNode> released = released();
        ObjectNode closed = released.get("event.schema.json").deepCopy();
        closed.put("additionalProperties", false);
        ObjectNode extended = closed.deepCopy();
        properties(extended).putObject("locale").put("type", "string");
        assertEquals(List.of("event.schema.json: $.locale: property added where the released schema allows no other"),
                SchemaCompatibility.breakingChanges(
                        Map.of("common.schema.json", released.get("common.schema.json"), "event.schema.json", closed),
                        Map.of("common.schema.json", released.get("common.schema.json"), "event.schema.json",
                                extended)));
    }

    @Test
    void aRemovedSchemaFileBreaks() throws Exception {
        Map<String, JsonNode> released = released();
        assertEquals(List.of("event.schema.json: released schema removed"), SchemaCompatibility.breakingChanges(
                released, Map.of("common.schema.json", released.get("common.schema.json"))));
    }

    @Test
    void aDanglingReferenceIsReported() throws Exception {
        List<String> breaks = breaksAfter(e -> ((ObjectNode) properties(e).get("to")).put("$ref",
                "common.schema.json#/$defs/missing"));
        assertEquals(List.of("event.schema.json: $.to: $ref common.schema.json#/$defs/missing resolves to nothing"),
                breaks);
    }
}
