package org.compliantsms.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
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

    /**
     * Binding without the schema: as {@link #MAPPER}, but a JSON value of the wrong type fails instead of being
     * coerced (by default Jackson turns {@code 42} into {@code "42"}, {@code "3"} into 3, {@code 2.5} into 2,
     * {@code "true"} into true and a number into an enum by its index), so that what binds has the schema's types.
     */
    private static final ObjectMapper STRICT = strict(MAPPER.copy());

    private static ObjectMapper strict(ObjectMapper mapper) {
        // Not FAIL_ON_NULL_FOR_PRIMITIVES: it also refuses an absent optional primitive (footerAdded,
        // alreadyInEffect), which the schema allows; a null or absent segment count binds as 0 and fails the
        // bound contract instead.
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Enum)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        return mapper;
    }

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
        T event;
        try {
            event = MAPPER.treeToValue(tree, recordType);
        } catch (IOException e) {
            throw new MalformedEventException(type.ceType() + ": cannot bind: " + firstLine(e.getMessage()), e);
        }
        return holdsContract(type, event);
    }

    /**
     * Binds without the schema check, for topics only the platform's own services write (from records they made
     * and checked): parsing JSON into a tree and walking the schema over it is most of a consumer's CPU. Text that
     * is not JSON, a value of the wrong JSON type (no coercion: {@code 42} is no string) or an unknown enum value
     * throws {@link MalformedEventException}, and so does an event that breaks its {@link BoundContract} (for
     * MessageApproved: required fields, the schema's lengths and bounds, a body that fits its segment count, an
     * E.164 recipient). Other events' missing fields bind as null.
     */
    public static <T extends SmsEvent> T bind(byte[] data, Class<T> recordType) {
        EventType type = EventType.of(recordType);
        if (data == null || data.length == 0) {
            throw new MalformedEventException(type.ceType() + ": empty record value");
        }
        T event;
        try {
            event = STRICT.readValue(data, recordType);
        } catch (IOException e) {
            throw new MalformedEventException(type.ceType() + ": cannot bind" + path(e) + ": " + firstLine(e.getMessage()),
                    e);
        }
        return holdsContract(type, event);
    }

    private static <T extends SmsEvent> T holdsContract(EventType type, T event) {
        String violation = event == null ? "$: null" : BoundContract.violation(event);
        if (violation != null) {
            throw new MalformedEventException(type.ceType() + " breaks its contract: " + violation);
        }
        return event;
    }

    /** The schema violations of a JSON document, empty when it is a valid event of that type. */
    public static List<String> violations(EventType type, JsonNode tree) {
        List<Error> errors = SCHEMAS.get(type).validate(tree);
        return errors.stream().map(Error::toString).collect(Collectors.toList());
    }

    /**
     * Where binding failed, as a JSON Pointer like the schema's reasons ({@code " /request/recipient"}), or empty when
     * Jackson does not say.
     */
    private static String path(IOException e) {
        if (!(e instanceof JsonMappingException mapping) || mapping.getPath().isEmpty()) {
            return "";
        }
        StringBuilder path = new StringBuilder(" ");
        for (JsonMappingException.Reference reference : mapping.getPath()) {
            if (reference.getFieldName() != null) {
                path.append('/').append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('/').append(reference.getIndex());
            }
        }
        return path.toString();
    }

    /** Digits that may be a phone number, in a parser's message (which quotes the value it could not read). */
    private static final Pattern NUMBER = Pattern.compile("\\+?[0-9]{6,}");

    /** The parser's first line, with what may be a phone number masked: reasons are logged and kept. */
    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return NUMBER.matcher(line).replaceAll(m -> Matcher.quoteReplacement(PhoneNumbers.mask(m.group())));
    }
}
