package org.compliantsms.events.asyncapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.compliantsms.events.EventType;
import org.compliantsms.events.testing.ExternalCommand;
import org.compliantsms.events.testing.TopicList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The AsyncAPI document (src/main/resources/asyncapi.yaml) is valid AsyncAPI 3 for the AsyncAPI parser (Node, in
 * asyncapi-check/) and agrees with topics.conf, the events and their JSON Schemas.
 */
class AsyncApiDocumentTest {
    private static final Path CHECK = Path.of("asyncapi-check").toAbsolutePath();
    private static final Path OUT = Path.of("target/asyncapi").toAbsolutePath();

    @BeforeAll
    static void installTheParser() {
        ExternalCommand.installNodeModules(CHECK, OUT.resolve("npm.log"));
    }

    private static ExternalCommand.Result validate(Path document) {
        return ExternalCommand.run(CHECK, List.of("node", "validate.mjs", document.toAbsolutePath().toString()));
    }

    @Test
    void theDocumentIsValidAsyncApi() {
        ExternalCommand.Result result = validate(AsyncApiContract.DOCUMENT);
        assertEquals(0, result.exit(), result.output());
        assertTrue(result.output().contains("AsyncAPI 3.1.0, " + AsyncApiContract.topicList().size() + " channels"),
                result.output());
        assertTrue(result.output().contains("0 errors, 0 warnings"), result.output());
    }

    @Test
    void aBrokenCopyIsRejected() throws IOException {
        Path broken = OUT.resolve("broken");
        Files.createDirectories(broken.resolve("schemas"));
        try (var schemas = Files.list(Path.of("src/main/resources/schemas"))) {
            for (Path schema : (Iterable<Path>) schemas::iterator) {
                Files.copy(schema, broken.resolve("schemas").resolve(schema.getFileName()),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        String document = Files.readString(AsyncApiContract.DOCUMENT);
        Path badBinding = broken.resolve("bad-binding.yaml");
        Files.writeString(badBinding, document.replaceFirst("partitions: 6", "partitions: six"));
        ExternalCommand.Result result = validate(badBinding);
        assertNotEquals(0, result.exit(), result.output());
        assertTrue(result.output().contains("\"partitions\" property type must be integer"), result.output());

        Path badRef = broken.resolve("bad-ref.yaml");
        Files.writeString(badRef, document.replace("./schemas/message-status.v1.schema.json",
                "./schemas/message-statuses.v1.schema.json"));
        result = validate(badRef);
        assertNotEquals(0, result.exit(), result.output());
        assertTrue(result.output().contains("invalid-ref"), result.output());

        Path badSchema = broken.resolve("bad-schema.yaml");
        Files.writeString(badSchema, document.replace("./schemas/message-status.v1.schema.json",
                "./schemas/broken-status.v1.schema.json"));
        Files.writeString(broken.resolve("schemas/broken-status.v1.schema.json"),
                Files.readString(broken.resolve("schemas/message-status.v1.schema.json"))
                        .replace("\"type\": \"object\"", "\"type\": \"record\""));
        result = validate(badSchema);
        assertNotEquals(0, result.exit(), result.output());
        assertTrue(result.output().contains("\"type\" property must be equal to one of the allowed values"),
                result.output());
    }

    @Test
    void theDocumentAgreesWithTheTopicsTheEventsAndTheirSchemas() {
        JsonNode document = AsyncApiContract.read(AsyncApiContract.DOCUMENT);
        assertEquals(List.of(), AsyncApiContract.disagreements(document, AsyncApiContract.topicList()));
        assertEquals(EventType.values().length + 1, document.path("components").path("messages").size());
    }

    @Test
    void aDisagreementIsReported() {
        Map<String, TopicList.Topic> topics = new java.util.LinkedHashMap<>(AsyncApiContract.topicList());
        topics.put("sms.new-topic.v1", new TopicList.Topic("sms.new-topic.v1", 6, Map.of()));
        JsonNode document = AsyncApiContract.read(AsyncApiContract.DOCUMENT);
        ObjectNode status = (ObjectNode) document.at("/components/messages/MessageStatus");
        ((ObjectNode) status.at("/payload/schema")).put("$ref", "./schemas/message-rejected.v1.schema.json");
        ((ObjectNode) status.at("/examples/0/payload")).put("status", "SENT");
        ((ObjectNode) document.at("/channels/suppression/bindings/kafka")).put("partitions", 12);

        List<String> problems = AsyncApiContract.disagreements(document, topics);
        assertTrue(problems.contains("sms.new-topic.v1: in topics.conf, no channel"), problems.toString());
        assertTrue(problems.contains("MessageStatus: payload is ./schemas/message-rejected.v1.schema.json, not "
                + "./schemas/message-status.v1.schema.json"), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("MessageStatus example message-status breaks")),
                problems.toString());
        assertTrue(problems.contains("sms.suppression.v1: 12 partitions, topics.conf says 6"), problems.toString());
        assertEquals(4, problems.size(), problems.toString());
    }
}
