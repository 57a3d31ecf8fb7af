package dev.schemabench.design.postgres;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.schemabench.catalog.SimilarItem;
import dev.schemabench.catalog.SimilarityJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.copy.CopyIn;

/**
 * Feeds rows in {@code COPY} text format through a large buffer, escaping as the format requires, to the server
 * ({@code COPY ... FROM STDIN}) or to a file that {@code psql \copy} can load. Not thread-safe.
 */
final class CopyWriter implements AutoCloseable {

    private static final int BUFFER_BYTES = 1 << 20;

    /** Where the bytes go. */
    private interface Sink {
        void write(byte[] bytes, int length) throws SQLException;

        /** Completes the stream; returns the rows stored. */
        long end(long rowsWritten) throws SQLException;

        /** Abandons an unfinished stream. */
        void abort() throws SQLException;
    }

    private final Sink sink;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private final JsonBuffer json = new JsonBuffer();
    private final JsonGenerator jsonGenerator = SimilarityJson.newGenerator(json);
    private int length;
    private boolean firstField = true;
    private boolean finished;
    private long bytesWritten;
    private long rows;

    private CopyWriter(Sink sink) {
        this.sink = sink;
    }

    /** Rows for a {@code COPY ... FROM STDIN} the server has started; {@link #finish} returns the server's count. */
    static CopyWriter toServer(CopyIn copy) {
        return new CopyWriter(new Sink() {
            @Override
            public void write(byte[] bytes, int length) throws SQLException {
                copy.writeToCopy(bytes, 0, length);
            }

            @Override
            public long end(long rowsWritten) throws SQLException {
                return copy.endCopy();
            }

            @Override
            public void abort() throws SQLException {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
        });
    }

    /** Rows written to {@code out}, which {@link #finish} and {@link #close} close. */
    static CopyWriter toStream(OutputStream out) {
        return new CopyWriter(new Sink() {
            @Override
            public void write(byte[] bytes, int length) throws SQLException {
                try {
                    out.write(bytes, 0, length);
                } catch (IOException e) {
                    throw new SQLException("could not write COPY data: " + e.getMessage(), e);
                }
            }

            @Override
            public long end(long rowsWritten) throws SQLException {
                abort();
                return rowsWritten;
            }

            @Override
            public void abort() throws SQLException {
                try {
                    out.close();
                } catch (IOException e) {
                    throw new SQLException("could not write COPY data: " + e.getMessage(), e);
                }
            }
        });
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
        try {
            SimilarityJson.writeItems(items, jsonGenerator);
            jsonGenerator.flush();
        } catch (IOException e) {
            throw new SQLException("could not write a list as JSON: " + e.getMessage(), e);
        }
        escaped(json.bytes(), json.size());
        return this;
    }

    void endRow() throws SQLException {
        put((byte) '\n');
        firstField = true;
        rows++;
    }

    /** Sends what is buffered and completes the stream; returns the number of rows stored. */
    long finish() throws SQLException {
        flush();
        long stored = sink.end(rows);
        finished = true;
        return stored;
    }

    /** Bytes written so far. */
    long bytesWritten() {
        return bytesWritten + length;
    }

    @Override
    public void close() throws SQLException {
        if (!finished) {
            sink.abort();
        }
    }

    /** A reusable buffer whose bytes are read in place rather than copied out. */
    private static final class JsonBuffer extends ByteArrayOutputStream {
        JsonBuffer() {
            super(8192);
        }

        byte[] bytes() {
            return buf;
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
        int run = 0;
        for (int i = 0; i < count; i++) {
            byte escape = switch (bytes[i]) {
                case '\\' -> '\\';
                case '\t' -> 't';
                case '\n' -> 'n';
                case '\r' -> 'r';
                default -> 0;
            };
            if (escape != 0) {
                put(bytes, run, i - run);
                put((byte) '\\');
                put(escape);
                run = i + 1;
            }
        }
        put(bytes, run, count - run);
    }

    private void put(byte[] bytes, int offset, int count) throws SQLException {
        while (count > 0) {
            if (length == buffer.length) {
                flush();
            }
            int chunk = Math.min(count, buffer.length - length);
            System.arraycopy(bytes, offset, buffer, length, chunk);
            length += chunk;
            offset += chunk;
            count -= chunk;
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
            sink.write(buffer, length);
            bytesWritten += length;
            length = 0;
        }
    }
}
