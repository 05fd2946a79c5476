package org.compliantsms.events.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The schemas of this build break no reader of the last release: its schemas are kept in
 * {@code src/test/resources/released/<version>/} (copied there when a version is released, see docs/events.md).
 */
class ReleasedSchemasCompatibilityTest {
    private static final Path RELEASED = Path.of("src/test/resources/released");
    private static final Path CURRENT = Path.of("src/main/resources/schemas");

    /** The newest released version, by its numbers (0.10.0 after 0.9.0). */
    static Path lastRelease() throws IOException {
        try (Stream<Path> versions = Files.list(RELEASED)) {
            return versions.filter(Files::isDirectory)
                    .max(Comparator.comparing(p -> p.getFileName().toString(), ReleasedSchemasCompatibilityTest::byVersion))
                    .orElseThrow(() -> new IllegalStateException("no released schemas under " + RELEASED));
        }
    }

    private static int byVersion(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    @Test
    void currentSchemasBreakNoReaderOfTheLastRelease() throws IOException {
        Path release = lastRelease();
        Map<String, JsonNode> released = SchemaCompatibility.load(release);
        assertTrue(released.size() >= 9, "released " + release + ": " + released.keySet());
        assertEquals(List.of(), SchemaCompatibility.breakingChanges(released, SchemaCompatibility.load(CURRENT)),
                "breaking changes since " + release.getFileName() + " (docs/events.md, Compatibility)");
    }

    /** The same check catches a break made to the real schemas. */
    @Test
    void aBreakingChangeToARealSchemaIsCaught() throws IOException {
        Map<String, JsonNode> current = new HashMap<>(SchemaCompatibility.load(CURRENT));
        ObjectNode status = current.get("message-status.v1.schema.json").deepCopy();
        ((ArrayNode) status.at("/properties/status/enum")).remove(0);
        current.put("message-status.v1.schema.json", status);
        ObjectNode common = current.get("common.v1.schema.json").deepCopy();
        ((ObjectNode) common.at("/$defs/programId")).put("pattern", "^[a-z]{1,64}$");
        current.put("common.v1.schema.json", common);

        List<String> breaks = SchemaCompatibility.breakingChanges(SchemaCompatibility.load(lastRelease()), current);
        assertTrue(breaks.contains("message-status.v1.schema.json: $.status.enum: value \"SUBMITTED\" removed"),
                breaks.toString());
        assertTrue(breaks.stream().anyMatch(b -> b.contains(".programId.pattern: changed from")), breaks.toString());
    }
}
