package org.compliantsms.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;

/**
 * The one JSON encoding of the contract. {@link #decode} checks the bytes against the event's JSON Schema before
 * binding them, so every consumer accepts exactly what the published schema accepts.
 */
public final class EventCodec {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .registerModule(InstantText.jacksonModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            // Readers tolerate fields added by a newer minor version of the schema.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    /** The {@code $id} prefix of the published schemas; they are read from the classpath, never fetched. */
    public static final String SCHEMA_ID_PREFIX = "https://schemas.compliantsms.org/events/";

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder
                    .schemaIdResolvers(ids -> ids.mapPrefix(SCHEMA_ID_PREFIX, "classpath:schemas/"))
                    .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

    private static final Map<EventType, Schema> SCHEMAS = new EnumMap<>(EventType.class);

    static {
        for (EventType type : EventType.values()) {
            Schema schema = REGISTRY.getSchema(SchemaLocation.of(SCHEMA_ID_PREFIX + type.schemaFileName()));
            schema.initializeValidators();
            SCHEMAS.put(type, schema);
        }
    }

    private EventCodec() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] encode(Object event) {
        try {
            return MAPPER.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + event.getClass().getSimpleName(), e);
        }
    }

    /** Parses, checks against the schema and binds; throws {@link MalformedEventException} with every problem. */
    public static <T extends SmsEvent> T decode(byte[] data, Class<T> recordType) {
        EventType type = EventType.of(recordType);
        if (data == null || data.length == 0) {
            throw new MalformedEventException(type.ceType() + ": empty record value");
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(data);
        } catch (IOException e) {
            throw new MalformedEventException(type.ceType() + ": not JSON: " + firstLine(e.getMessage()), e);
        }
        List<String> violations = violations(type, tree);
        if (!violations.isEmpty()) {
            throw new MalformedEventException(type.ceType() + " breaks its schema: " + String.join("; ", violations));
        }
        try {
            return MAPPER.treeToValue(tree, recordType);
        } catch (IOException e) {
            throw new MalformedEventException(type.ceType() + ": cannot bind: " + firstLine(e.getMessage()), e);
        }
    }

    /**
     * Binds without the schema check, for topics only the platform's own services write (from records they made
     * and checked): parsing JSON into a tree and walking the schema over it is most of a consumer's CPU. Text that
     * is not JSON or does not bind still throws {@link MalformedEventException}; a missing field binds as null.
     */
    public static <T extends SmsEvent> T bind(byte[] data, Class<T> recordType) {
        EventType type = EventType.of(recordType);
        if (data == null || data.length == 0) {
            throw new MalformedEventException(type.ceType() + ": empty record value");
        }
        try {
            return MAPPER.readValue(data, recordType);
        } catch (IOException e) {
            throw new MalformedEventException(type.ceType() + ": cannot bind: " + firstLine(e.getMessage()), e);
        }
    }

    /** The schema violations of a JSON document, empty when it is a valid event of that type. */
    public static List<String> violations(EventType type, JsonNode tree) {
        List<Error> errors = SCHEMAS.get(type).validate(tree);
        return errors.stream().map(Error::toString).collect(Collectors.toList());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
