package dev.schemabench.results;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.JsonNodeDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Reads and writes {@code results.json}: the same {@link RunResults} records are written and read back. Writes are
 * atomic (a temporary file renamed into place). Reading ignores fields this version does not know (a newer file's
 * additions) and leaves absent ones null (an older file's gaps; an absent primitive figure reads as 0, which only
 * files from before that figure existed can show, since every record writes all its fields). Stateless.
 */
public final class ResultsFile {

    public static final String NAME = "results.json";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    /** Reads the typed model; a JSON null in a tree-valued field (the raw plan) stays null, as it was written. */
    private static final ObjectReader RESULTS = MAPPER.copy()
            .registerModule(new SimpleModule("null trees stay null").addDeserializer(JsonNode.class,
                    new NullableTree()))
            .readerFor(RunResults.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ResultsFile() {
    }

    /** The mapper results are written with, for tests and readers that need the same conventions. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Writes {@code results} to {@code directory/results.json} atomically; returns the file. */
    public static Path write(Path directory, RunResults results) throws IOException {
        Path target = directory.resolve(NAME);
        writeAtomically(target, MAPPER.writeValueAsString(results) + "\n");
        return target;
    }

    /** Writes {@code text} to {@code target} so that readers see the old file or the whole new one. */
    public static void writeAtomically(Path target, String text) throws IOException {
        Path temporary = Files.createTempFile(target.toAbsolutePath().getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Reads a results file into the typed model, the way the report and the gate read it.
     *
     * @throws IllegalArgumentException with a one-line reason when the file is missing, unreadable, not JSON, of a
     *                                  schema version this SchemaBench does not know, lacks the run or designs, or
     *                                  holds a value of the wrong type (naming the field)
     */
    public static RunResults load(Path file) {
        JsonNode root = read(file);
        if (!root.path("run").isObject() || !root.path("designs").isArray()) {
            throw new IllegalArgumentException(file + ": not a SchemaBench results file (no run or designs)");
        }
        for (JsonNode design : root.get("designs")) {
            if (!design.isObject()) {
                throw new IllegalArgumentException(file + ": not a SchemaBench results file (a design that is not"
                        + " an object)");
            }
        }
        try {
            return RESULTS.readValue(root);
        } catch (MismatchedInputException e) {
            throw new IllegalArgumentException(file + ": " + fieldOf(e) + ": expected " + expected(e.getTargetType()));
        } catch (DatabindException e) {
            throw new IllegalArgumentException(file + ": " + fieldOf(e) + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse("unreadable"));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage());
        }
    }

    /** Jackson's own tree reading, except that a JSON null is Java's null rather than a NullNode. */
    private static final class NullableTree extends JsonDeserializer<JsonNode> {

        @Override
        public JsonNode deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return JsonNodeDeserializer.getDeserializer(JsonNode.class).deserialize(parser, context);
        }

        @Override
        public JsonNode getNullValue(DeserializationContext context) {
            return null;
        }
    }

    /** What a field of type {@code type} holds, in a user's words. */
    private static String expected(Class<?> type) {
        if (type == null) {
            return "another kind of value";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "a number";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "text";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "an object";
    }

    /** The field a mapping error is about, as {@code designs[0].storage_level.p50_ms}. */
    private static String fieldOf(DatabindException e) {
        StringBuilder field = new StringBuilder();
        if (e instanceof JsonMappingException mapping) {
            for (JsonMappingException.Reference reference : mapping.getPath()) {
                if (reference.getFieldName() != null) {
                    field.append(field.isEmpty() ? "" : ".").append(reference.getFieldName());
                } else if (reference.getIndex() >= 0) {
                    field.append('[').append(reference.getIndex()).append(']');
                }
            }
        }
        return field.isEmpty() ? "(top level)" : "field " + field;
    }

    /**
     * Reads a results file as a tree, for checks of the written layout itself (field names, structure); the report
     * and the gate use {@link #load}.
     *
     * @throws IllegalArgumentException with a one-line reason when the file is missing, unreadable, not JSON, or of
     *                                  a schema version this SchemaBench does not know
     */
    public static JsonNode read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage());
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not valid JSON (line " + e.getLocation().getLineNr() + ")");
        }
        if (root == null || !root.isObject() || !root.path("schema_version").canConvertToInt()) {
            throw new IllegalArgumentException(file + ": not a SchemaBench results file (no schema_version)");
        }
        int version = root.get("schema_version").asInt();
        if (version != RunResults.SCHEMA_VERSION) {
            throw new IllegalArgumentException(file + ": schema_version " + version + " is not supported (this"
                    + " SchemaBench reads version " + RunResults.SCHEMA_VERSION + ")");
        }
        return root;
    }
}
