package dev.schemabench.service.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Builds small JSON response bodies with Jackson's streaming generator. Thread-safe. */
public final class JsonBodies {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    /** Writes one JSON value through a generator. */
    @FunctionalInterface
    public interface Writer {
        void write(JsonGenerator json) throws IOException;
    }

    private JsonBodies() {
    }

    /** The UTF-8 bytes of what {@code writer} writes. */
    public static byte[] of(Writer writer) {
        return of(512, writer);
    }

    /** The UTF-8 bytes of what {@code writer} writes, in a buffer that starts at {@code expectedBytes}. */
    public static byte[] of(int expectedBytes, Writer writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(expectedBytes);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            writer.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** {@code {"error": code, "message": message}}. */
    public static byte[] error(String code, String message) {
        return of(json -> {
            json.writeStartObject();
            json.writeStringField("error", code);
            json.writeStringField("message", message);
            json.writeEndObject();
        });
    }
}
