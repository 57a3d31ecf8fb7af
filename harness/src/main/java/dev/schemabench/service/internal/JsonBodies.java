package dev.schemabench.service.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Builds JSON response bodies: small ones with Jackson's streaming generator, lists by copying bytes. Thread-safe. */
public final class JsonBodies {

    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final byte[] PRODUCT_FIELD = ascii("{\"product_id\":\"");
    private static final byte[] BATCH_FIELD = ascii("\",\"batch_id\":\"");
    private static final byte[] ITEMS_FIELD = ascii("\",\"items\":");

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

    /**
     * {@code {"product_id":…,"batch_id":…,"items":…}} with {@code items} (a JSON array, UTF-8) copied in as it is,
     * into one array of the exact size.
     */
    public static byte[] similar(String productId, String batchId, byte[] items) {
        JsonStringEncoder encoder = JsonStringEncoder.getInstance();
        byte[] product = encoder.quoteAsUTF8(productId);
        byte[] batch = encoder.quoteAsUTF8(batchId);
        byte[] body = new byte[PRODUCT_FIELD.length + product.length + BATCH_FIELD.length + batch.length
                + ITEMS_FIELD.length + items.length + 1];
        int at = put(body, 0, PRODUCT_FIELD);
        at = put(body, at, product);
        at = put(body, at, BATCH_FIELD);
        at = put(body, at, batch);
        at = put(body, at, ITEMS_FIELD);
        at = put(body, at, items);
        body[at] = '}';
        return body;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static int put(byte[] target, int at, byte[] source) {
        System.arraycopy(source, 0, target, at, source.length);
        return at + source.length;
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
