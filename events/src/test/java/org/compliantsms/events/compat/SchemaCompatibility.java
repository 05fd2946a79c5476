package org.compliantsms.events.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The breaking changes between two releases of the event schemas (a set of files that {@code $ref} each other by
 * file name). The rule is full compatibility: an event written under the new schemas validates under the old ones
 * (analysts and services not yet upgraded read it), and an event written under the old ones validates under the
 * new (topics are replayed: retained, compacted, kept forever). Two documented exceptions, which readers must
 * tolerate (docs/events.md, "Compatibility"): a new optional property (no schema closes its objects with
 * {@code additionalProperties: false}) and a new enum value (enums are open).
 * <p>
 * Anything else that differs is breaking: a property removed, {@code required} changed either way, a type or a
 * constraint (pattern, length, format, bounds...) changed, added or removed, an enum value removed, a released
 * schema file gone. Annotations (title, description, examples...) may change freely. Constraints are compared
 * for equality, not for implication (a widened length is reported too): a false alarm costs a look, a missed
 * break costs readers.
 */
public final class SchemaCompatibility {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> ANNOTATIONS = Set.of("title", "description", "$comment", "examples", "default",
            "deprecated", "readOnly", "writeOnly", "$schema", "$id", "$defs", "definitions");
    private static final Set<String> SUBSCHEMA_LISTS = Set.of("anyOf", "oneOf", "allOf", "prefixItems");
    private static final Set<String> SUBSCHEMAS = Set.of("items", "not", "contains", "additionalProperties",
            "if", "then", "else", "propertyNames", "unevaluatedProperties", "unevaluatedItems");

    private final Map<String, JsonNode> oldFiles;
    private final Map<String, JsonNode> newFiles;
    private final List<String> breaks = new ArrayList<>();
    private final Map<JsonNode, Set<JsonNode>> compared = new IdentityHashMap<>();

    private SchemaCompatibility(Map<String, JsonNode> oldFiles, Map<String, JsonNode> newFiles) {
        this.oldFiles = oldFiles;
        this.newFiles = newFiles;
    }

    /** The breaking changes from {@code released} to {@code current}, each naming its file and JSON path. */
    public static List<String> breakingChanges(Map<String, JsonNode> released, Map<String, JsonNode> current) {
        SchemaCompatibility check = new SchemaCompatibility(released, current);
        for (Map.Entry<String, JsonNode> file : new TreeMap<>(released).entrySet()) {
            if (!current.containsKey(file.getKey())) {
                check.breaks.add(file.getKey() + ": released schema removed");
                continue;
            }
            check.compare(new Located(file.getKey(), file.getValue()),
                    new Located(file.getKey(), current.get(file.getKey())), file.getKey() + ": $");
        }
        return List.copyOf(check.breaks);
    }

    /** Every {@code *.schema.json} of a directory, by file name. */
    public static Map<String, JsonNode> load(Path directory) {
        Map<String, JsonNode> files = new TreeMap<>();
        try (Stream<Path> paths = Files.list(directory)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                if (path.getFileName().toString().endsWith(".schema.json")) {
                    files.put(path.getFileName().toString(), JSON.readTree(path.toFile()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the schemas of " + directory, e);
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no *.schema.json in " + directory);
        }
        return files;
    }

    /** A schema node and the file its relative {@code $ref}s start from. */
    private record Located(String file, JsonNode node) {
    }

    private void compare(Located older, Located newer, String path) {
        older = deref(older, oldFiles, path);
        newer = deref(newer, newFiles, path);
        if (older == null || newer == null) {
            return;
        }
        // Recursive schemas and shared definitions are compared once per pair (a break is named at its first use).
        if (!compared.computeIfAbsent(older.node, node -> Collections.newSetFromMap(new IdentityHashMap<>()))
                .add(newer.node)) {
            return;
        }
        if (older.node.isBoolean() || newer.node.isBoolean()) {
            if (!older.node.equals(newer.node)) {
                breaks.add(path + ": schema changed from " + older.node + " to " + newer.node);
            }
            return;
        }
        Set<String> keywords = new TreeSet<>();
        older.node.fieldNames().forEachRemaining(keywords::add);
        newer.node.fieldNames().forEachRemaining(keywords::add);
        keywords.removeAll(ANNOTATIONS);
        for (String keyword : keywords) {
            JsonNode was = older.node.get(keyword);
            JsonNode is = newer.node.get(keyword);
            String at = path + "." + keyword;
            if (keyword.equals("properties")) {
                compareProperties(older, newer, path);
            } else if (was == null) {
                breaks.add(at + ": constraint added (" + is + ")");
            } else if (is == null) {
                breaks.add(at + ": constraint removed (was " + was + ")");
            } else if (keyword.equals("$ref")) {
                compare(resolve(older.file, was.asText(), oldFiles, at), resolve(newer.file, is.asText(), newFiles, at),
                        at);
            } else if (keyword.equals("required")) {
                compareRequired(was, is, at);
            } else if (keyword.equals("enum")) {
                compareEnum(was, is, at);
            } else if (keyword.equals("type")) {
                if (!typeSet(was).equals(typeSet(is))) {
                    breaks.add(at + ": type changed from " + was + " to " + is);
                }
            } else if (SUBSCHEMAS.contains(keyword) && was.isObject() && is.isObject()) {
                compare(new Located(older.file, was), new Located(newer.file, is), at);
            } else if (SUBSCHEMA_LISTS.contains(keyword) && was.isArray() && is.isArray()) {
                if (was.size() != is.size()) {
                    breaks.add(at + ": " + was.size() + " alternatives became " + is.size());
                } else {
                    for (int i = 0; i < was.size(); i++) {
                        compare(new Located(older.file, was.get(i)), new Located(newer.file, is.get(i)),
                                at + "[" + i + "]");
                    }
                }
            } else if (!was.equals(is)) {
                breaks.add(at + ": changed from " + was + " to " + is);
            }
        }
    }

    private void compareProperties(Located older, Located newer, String path) {
        JsonNode was = older.node.path("properties");
        JsonNode is = newer.node.path("properties");
        for (Iterator<String> names = was.fieldNames(); names.hasNext();) {
            String name = names.next();
            String at = path + "." + name;
            if (!is.has(name)) {
                breaks.add(at + ": property removed");
            } else {
                compare(new Located(older.file, was.get(name)), new Located(newer.file, is.get(name)), at);
            }
        }
        JsonNode closed = older.node.get("additionalProperties");
        if (closed != null && closed.isBoolean() && !closed.asBoolean()) {
            for (Iterator<String> names = is.fieldNames(); names.hasNext();) {
                String name = names.next();
                if (!was.has(name)) {
                    breaks.add(path + "." + name + ": property added where the released schema allows no other");
                }
            }
        }
    }

    private void compareRequired(JsonNode was, JsonNode is, String at) {
        Set<String> before = texts(was);
        Set<String> after = texts(is);
        for (String name : before) {
            if (!after.contains(name)) {
                breaks.add(at + ": " + name + " no longer required (readers expect it)");
            }
        }
        for (String name : after) {
            if (!before.contains(name)) {
                breaks.add(at + ": " + name + " newly required (events written before lack it)");
            }
        }
    }

    private void compareEnum(JsonNode was, JsonNode is, String at) {
        Set<String> after = new HashSet<>();
        is.forEach(value -> after.add(value.toString()));
        was.forEach(value -> {
            if (!after.contains(value.toString())) {
                breaks.add(at + ": value " + value + " removed");
            }
        });
    }

    /** Follows a schema that is only a {@code $ref} (plus annotations), so that moving a definition is no change. */
    private Located deref(Located schema, Map<String, JsonNode> files, String path) {
        Located current = schema;
        for (int hops = 0; current != null && current.node.isObject() && current.node.has("$ref"); hops++) {
            Set<String> keywords = new HashSet<>();
            current.node.fieldNames().forEachRemaining(keywords::add);
            keywords.removeAll(ANNOTATIONS);
            if (keywords.size() > 1 || hops > 32) {
                return current;
            }
            current = resolve(current.file, current.node.get("$ref").asText(), files, path);
        }
        return current;
    }

    private Located resolve(String fromFile, String ref, Map<String, JsonNode> files, String path) {
        int hash = ref.indexOf('#');
        String file = hash < 0 ? ref : ref.substring(0, hash);
        String pointer = hash < 0 ? "" : ref.substring(hash + 1);
        String target = file.isEmpty() ? fromFile : Path.of(file).getFileName().toString();
        JsonNode document = files.get(target);
        JsonNode node = document == null ? null : document.at(pointer);
        if (node == null || node.isMissingNode()) {
            breaks.add(path + ": $ref " + ref + " resolves to nothing");
            return null;
        }
        return new Located(target, node);
    }

    private static Set<String> typeSet(JsonNode type) {
        return type.isArray() ? texts(type) : Set.of(type.asText());
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> values = new TreeSet<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
