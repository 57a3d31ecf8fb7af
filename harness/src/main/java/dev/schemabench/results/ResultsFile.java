package dev.schemabench.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Reads and writes {@code results.json}; writes are atomic (a temporary file renamed into place). */
public final class ResultsFile {

    public static final String NAME = "results.json";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

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
     * Reads a results file as a tree.
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
