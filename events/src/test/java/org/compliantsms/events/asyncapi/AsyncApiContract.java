package org.compliantsms.events.asyncapi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.compliantsms.events.EventCodec;
import org.compliantsms.events.EventType;
import org.compliantsms.events.Topics;
import org.compliantsms.events.testing.TopicList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Where the AsyncAPI document disagrees with the rest of the contract: the topic list (deploy/local/topics.conf:
 * names, partitions, configs), the events (each topic's message is its record, its payload the event's JSON
 * Schema file) and the JSON Schemas themselves (every example payload validates against its event's schema).
 */
final class AsyncApiContract {
    static final Path DOCUMENT = Path.of("src/main/resources/asyncapi.yaml");
    static final Path TOPIC_LIST = Path.of("..", "deploy", "local", "topics.conf");
    static final String DEAD_LETTER = "DeadLetter";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private AsyncApiContract() {
    }

    static JsonNode read(Path document) {
        try {
            return YAML.readTree(document.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + document, e);
        }
    }

    static Map<String, TopicList.Topic> topicList() {
        return TopicList.read(TOPIC_LIST);
    }

    /** Every disagreement, empty when the document, the topic list, the events and their schemas agree. */
    static List<String> disagreements(JsonNode document, Map<String, TopicList.Topic> topics) {
        List<String> problems = new ArrayList<>();
        Map<String, JsonNode> channels = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = document.path("channels").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> channel = it.next();
            String address = channel.getValue().path("address").asText();
            if (channels.put(address, channel.getValue()) != null) {
                problems.add("two channels for " + address);
            }
        }
        for (String topic : topics.keySet()) {
            if (!channels.containsKey(topic)) {
                problems.add(topic + ": in topics.conf, no channel");
            }
        }
        for (Map.Entry<String, JsonNode> channel : channels.entrySet()) {
            String topic = channel.getKey();
            TopicList.Topic line = topics.get(topic);
            if (line == null) {
                problems.add(topic + ": a channel, not in topics.conf");
                continue;
            }
            checkBinding(topic, channel.getValue().path("bindings").path("kafka"), line, problems);
            Optional<EventType> type = EventType.ofTopic(topic);
            if (type.isEmpty()) {
                problems.add(topic + ": no event of the contract has this topic");
                continue;
            }
            List<String> messages = new ArrayList<>();
            channel.getValue().path("messages").forEach(ref -> messages.add(lastSegment(ref.path("$ref").asText())));
            String expected = topic.endsWith(Topics.DLQ_SUFFIX) ? DEAD_LETTER : type.get().recordType().getSimpleName();
            if (!messages.equals(List.of(expected))) {
                problems.add(topic + ": carries " + messages + ", expected [" + expected + "]");
                continue;
            }
            if (!expected.equals(DEAD_LETTER)) {
                checkMessage(type.get(), document.path("components").path("messages").path(expected), problems);
            }
        }
        return problems;
    }

    private static void checkBinding(String topic, JsonNode kafka, TopicList.Topic line, List<String> problems) {
        if (!kafka.path("topic").asText().equals(topic)) {
            problems.add(topic + ": binding names topic " + kafka.path("topic"));
        }
        if (kafka.path("partitions").asInt() != line.partitions()) {
            problems.add(topic + ": " + kafka.path("partitions") + " partitions, topics.conf says " + line.partitions());
        }
        Map<String, String> configs = new LinkedHashMap<>();
        kafka.path("topicConfiguration").fields().forEachRemaining(config -> configs.put(config.getKey(),
                config.getValue().isArray() ? String.join(",", texts(config.getValue())) : config.getValue().asText()));
        if (!configs.equals(line.configs())) {
            problems.add(topic + ": topic configuration " + configs + ", topics.conf says " + line.configs());
        }
    }

    private static void checkMessage(EventType type, JsonNode message, List<String> problems) {
        String name = type.recordType().getSimpleName();
        if (message.isMissingNode()) {
            problems.add(name + ": no such message in components");
            return;
        }
        String schema = message.path("payload").path("schema").path("$ref").asText();
        if (!schema.equals("./schemas/" + type.schemaFileName())) {
            problems.add(name + ": payload is " + schema + ", not ./schemas/" + type.schemaFileName());
        }
        if (!message.path("name").asText().equals(name)) {
            problems.add(name + ": message named " + message.path("name"));
        }
        if (message.path("examples").isEmpty()) {
            problems.add(name + ": no example");
        }
        for (JsonNode example : message.path("examples")) {
            String ceType = example.path("headers").path("ce_type").asText();
            if (!ceType.equals(type.ceType())) {
                problems.add(name + " example " + example.path("name").asText() + ": ce_type " + ceType + ", not " + type.ceType());
            }
            List<String> violations = EventCodec.violations(type, example.path("payload"));
            if (!violations.isEmpty()) {
                problems.add(name + " example " + example.path("name").asText() + " breaks " + type.schemaFileName() + ": "
                        + violations);
            }
        }
    }

    private static String lastSegment(String ref) {
        return ref.substring(ref.lastIndexOf('/') + 1);
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
