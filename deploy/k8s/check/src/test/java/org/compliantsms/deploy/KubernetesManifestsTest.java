package org.compliantsms.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.compliantsms.events.testing.ExternalCommand;
import org.compliantsms.events.testing.ExternalCommand.Result;
import org.compliantsms.events.testing.TopicList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;

/**
 * Every overlay renders (kubectl kustomize) and validates offline: Kubernetes and KEDA objects against their JSON
 * Schemas (the Node validator in deploy/k8s/validate), Strimzi objects through Strimzi's model; the KafkaTopics are
 * exactly deploy/local/topics.conf, every ACL names a topic of it, no autoscaler goes past its topic's partitions.
 */
class KubernetesManifestsTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().resolve("../../..").normalize();
    private static final Path K8S = ROOT.resolve("deploy/k8s");
    private static final Path OUT = Path.of("target/rendered").toAbsolutePath();
    /**
     * Strimzi's model keeps unknown fields (an any-setter) where the operator would warn and ignore them: read
     * without it, so a misspelt field fails here.
     */
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnySetter(Annotated annotated) {
                    return false;
                }
            });
    private static final List<String> OVERLAYS = List.of("dev", "prod");
    private static final Pattern METRIC = Pattern.compile("\\b(sms_[a-z_]+|kafka_[a-z_]+)");

    @BeforeAll
    static void render() throws IOException {
        Files.createDirectories(OUT);
        for (String overlay : OVERLAYS) {
            ExternalCommand.require(K8S, OUT.resolve(overlay + ".yaml"),
                    List.of("kubectl", "kustomize", "overlays/" + overlay));
        }
        ExternalCommand.installNodeModules(K8S.resolve("validate"), OUT.resolve("npm.log"));
    }

    @Test
    void kubernetesAndKedaObjectsMatchTheirSchemas() throws Exception {
        List<String> command = new ArrayList<>(List.of("node", "validate.mjs"));
        OVERLAYS.forEach(overlay -> command.add(OUT.resolve(overlay + ".yaml").toString()));
        Result result = ExternalCommand.run(K8S.resolve("validate"), command);
        assertEquals(0, result.exit(), result.output());
        assertTrue(result.output().contains(" 0 invalid"), result.output());
    }

    @Test
    void theSchemaCheckRejectsAnInvalidObject() throws Exception {
        Path bad = OUT.resolve("invalid.yaml");
        Files.writeString(bad, """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: broken}
                spec:
                  selector: {matchLabels: {a: b}}
                  template: {spec: {containers: [{name: a, image: b, ports: [{containerPort: http}]}]}}
                """);
        Result result = ExternalCommand.run(K8S.resolve("validate"), List.of("node", "validate.mjs", bad.toString()));
        assertNotEquals(0, result.exit(), result.output());
        assertTrue(result.output().contains("containerPort must be integer"), result.output());
    }

    @Test
    void theStrimziCheckRejectsAMisspeltField() {
        JsonNode topic = YAML.valueToTree(Map.of("apiVersion", "kafka.strimzi.io/v1beta2", "kind", "KafkaTopic",
                "metadata", Map.of("name", "t"), "spec", Map.of("partitions", 6, "replica", 3)));
        assertThrows(IllegalArgumentException.class, () -> YAML.convertValue(topic, KafkaTopic.class));
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void strimziObjectsReadAsStrimziDoes(String overlay) throws IOException {
        List<JsonNode> objects = objects(overlay);
        int strimzi = 0;
        for (JsonNode object : objects) {
            String kind = object.path("kind").asText();
            if (!object.path("apiVersion").asText().startsWith("kafka.strimzi.io/")) {
                continue;
            }
            Class<?> model = switch (kind) {
                case "KafkaTopic" -> KafkaTopic.class;
                case "KafkaUser" -> KafkaUser.class;
                case "Kafka" -> Kafka.class;
                case "KafkaNodePool" -> KafkaNodePool.class;
                default -> null;
            };
            if (model == null) {
                fail(overlay + ": no model for Strimzi kind " + kind);
            }
            YAML.convertValue(object, model);
            assertEquals("sms-kafka", object.path("metadata").path("labels").path("strimzi.io/cluster").asText(
                    kind.equals("Kafka") ? "sms-kafka" : ""), kind + " " + name(object) + " names no cluster");
            strimzi++;
        }
        assertTrue(strimzi >= 16 + 4, overlay + ": only " + strimzi + " Strimzi objects");
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void topicsAreExactlyTheTopicList(String overlay) throws IOException {
        Map<String, JsonNode> rendered = new LinkedHashMap<>();
        for (JsonNode object : objects(overlay)) {
            if (object.path("kind").asText().equals("KafkaTopic")) {
                rendered.put(object.path("spec").path("topicName").asText(), object.path("spec"));
            }
        }
        Map<String, TopicList.Topic> wanted = topicList();
        assertEquals(wanted.keySet(), rendered.keySet(), overlay);
        int replicas = overlay.equals("dev") ? 1 : 3;
        for (TopicList.Topic line : wanted.values()) {
            JsonNode spec = rendered.get(line.name());
            assertEquals(line.partitions(), spec.path("partitions").asInt(), line.name());
            assertEquals(replicas, spec.path("replicas").asInt(), line.name());
            line.configs().forEach((key, value) -> assertEquals(value, spec.path("config").path(key).asText(),
                    line.name() + " " + key));
        }
    }

    @Test
    void generatedTopicFileIsUpToDate() throws Exception {
        Path fresh = OUT.resolve("topics.yaml");
        Result result = ExternalCommand.run(K8S, List.of("./generate-topics.sh", fresh.toString()));
        assertEquals(0, result.exit(), result.output());
        assertEquals(Files.readString(fresh), Files.readString(K8S.resolve("base/kafka/topics.yaml")),
                "deploy/k8s/base/kafka/topics.yaml differs from topics.conf: run deploy/k8s/generate-topics.sh");
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void everyAclNamesATopicOfTheList(String overlay) throws IOException {
        Map<String, TopicList.Topic> topics = topicList();
        int rules = 0;
        for (JsonNode object : objects(overlay)) {
            if (!object.path("kind").asText().equals("KafkaUser")) {
                continue;
            }
            KafkaUser user = YAML.convertValue(object, KafkaUser.class);
            for (AclRule rule : ((KafkaUserAuthorizationSimple) user.getSpec().getAuthorization()).getAcls()) {
                // An operation Strimzi does not know reads as null.
                assertTrue(rule.getOperations() != null && !rule.getOperations().contains(null),
                        user.getMetadata().getName() + ": unknown ACL operation in " + rule.getOperations());
                if (rule.getResource() instanceof AclRuleTopicResource topic) {
                    assertTrue(topics.containsKey(topic.getName()),
                            user.getMetadata().getName() + " has an ACL for unknown topic " + topic.getName());
                    rules++;
                }
            }
        }
        assertTrue(rules > 20, overlay + ": only " + rules + " topic ACLs");
    }

    @Test
    void noAutoscalerGoesPastItsTopicsPartitions() throws IOException {
        Map<String, TopicList.Topic> topics = topicList();
        int scaled = 0;
        for (JsonNode object : objects("prod")) {
            if (object.path("kind").asText().equals("ScaledObject")) {
                for (JsonNode trigger : object.path("spec").path("triggers")) {
                    String topic = trigger.path("metadata").path("topic").asText();
                    assertTrue(topics.containsKey(topic), name(object) + " scales on unknown topic " + topic);
                    assertTrue(object.path("spec").path("maxReplicaCount").asInt() <= topics.get(topic).partitions(),
                            name(object) + ": more replicas than partitions of " + topic);
                }
                scaled++;
            }
        }
        assertEquals(3, scaled);
    }

    /** Alerts and dashboards name only metrics that docs/operations.md describes (and the services' tests expose). */
    @Test
    void alertsAndDashboardsUseDocumentedMetrics() throws IOException {
        String documented = Files.readString(ROOT.resolve("docs/operations.md"));
        String monitoring = Files.readString(K8S.resolve("base/monitoring/prometheusrule.yaml"))
                + Files.readString(K8S.resolve("base/monitoring/dashboard.json"));
        Matcher metric = METRIC.matcher(monitoring);
        int used = 0;
        while (metric.find()) {
            String name = metric.group(1).replaceAll("_(bucket|count|sum|total)$", "");
            assertTrue(documented.contains("`" + name), name + " is used in deploy/k8s/base/monitoring but not"
                    + " described in docs/operations.md");
            used++;
        }
        assertTrue(used > 10, "only " + used + " metrics used");
        YAML.readTree(K8S.resolve("base/monitoring/dashboard.json").toFile());
    }

    private static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    private static List<JsonNode> objects(String overlay) throws IOException {
        List<JsonNode> objects = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(OUT.resolve(overlay + ".yaml").toFile())) {
            YAML.readValues(parser, JsonNode.class).forEachRemaining(node -> {
                if (node != null && !node.isMissingNode() && !node.isNull()) {
                    objects.add(node);
                }
            });
        }
        return objects;
    }

    private static Map<String, TopicList.Topic> topicList() {
        return TopicList.read(ROOT.resolve("deploy/local/topics.conf"));
    }
}
