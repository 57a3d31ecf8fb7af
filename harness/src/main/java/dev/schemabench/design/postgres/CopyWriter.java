package dev.schemabench.design.postgres;

import dev.schemabench.catalog.SimilarItem;
import dev.schemabench.catalog.SimilarityJson;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.copy.CopyIn;

/**
 * Feeds rows to a {@code COPY ... FROM STDIN} (text format) through a large buffer, escaping as the format requires.
 * Not thread-safe.
 */
final class CopyWriter implements AutoCloseable {

    private static final int BUFFER_BYTES = 1 << 20;

    private final CopyIn copy;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private final ByteArrayOutputStream json = new ByteArrayOutputStream(8192);
    private int length;
    private boolean firstField = true;
    private long bytesWritten;

    CopyWriter(CopyIn copy) {
        this.copy = copy;
    }

    CopyWriter text(String value) throws SQLException {
        separator();
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        escaped(bytes, bytes.length);
        return this;
    }

    CopyWriter number(long value) throws SQLException {
        separator();
        raw(Long.toString(value));
        return this;
    }

    CopyWriter number(double value) throws SQLException {
        separator();
        raw(Double.toString(value));
        return this;
    }

    /** A list as the JSON array {@link SimilarityJson} writes. */
    CopyWriter json(List<SimilarItem> items) throws SQLException {
        separator();
        json.reset();
        SimilarityJson.writeItems(items, json);
        escaped(json.toByteArray(), json.size());
        return this;
    }

    void endRow() throws SQLException {
        put((byte) '\n');
        firstField = true;
    }

    /** Sends what is buffered and completes the COPY; returns the number of rows the server stored. */
    long finish() throws SQLException {
        flush();
        return copy.endCopy();
    }

    /** Bytes sent to the server so far. */
    long bytesWritten() {
        return bytesWritten + length;
    }

    @Override
    public void close() throws SQLException {
        if (copy.isActive()) {
            copy.cancelCopy();
        }
    }

    private void separator() throws SQLException {
        if (!firstField) {
            put((byte) '\t');
        }
        firstField = false;
    }

    private void raw(String ascii) throws SQLException {
        for (int i = 0; i < ascii.length(); i++) {
            put((byte) ascii.charAt(i));
        }
    }

    private void escaped(byte[] bytes, int count) throws SQLException {
        for (int i = 0; i < count; i++) {
            byte b = bytes[i];
            switch (b) {
                case '\\' -> {
                    put((byte) '\\');
                    put((byte) '\\');
                }
                case '\t' -> {
                    put((byte) '\\');
                    put((byte) 't');
                }
                case '\n' -> {
                    put((byte) '\\');
                    put((byte) 'n');
                }
                case '\r' -> {
                    put((byte) '\\');
                    put((byte) 'r');
                }
                default -> put(b);
            }
        }
    }

    private void put(byte b) throws SQLException {
        if (length == buffer.length) {
            flush();
        }
        buffer[length++] = b;
    }

    private void flush() throws SQLException {
        if (length > 0) {
            copy.writeToCopy(buffer, 0, length);
            bytesWritten += length;
            length = 0;
        }
    }
}
